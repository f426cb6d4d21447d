package dev.bufpool.bounded;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.bufpool.Lease;
import java.util.concurrent.TimeUnit;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * No lost wake-up at the bounded pool's gate: its one buffer is out; one actor gives it back while
 * the other asks for it with a 5 s timeout. The releaser CASes the buffer onto the idle stack and
 * then reads the gate; the waiter writes the gate (queues) and then pops the stack once more. Either
 * the releaser sees the waiter and hands the buffer over under the lock, or the waiter's pop finds
 * it; if both missed, the waiter would sleep its 5 s and time out with the buffer idle.
 *
 * <p>Results: the verdict, and whether the waiter queued ({@code waited}) or found the buffer at
 * once ({@code no-wait}).
 */
@JCStressTest
@Description("BoundedBufferPool: a release racing a waiter's arrival never loses the wake-up")
@Outcome(id = "ok, no-wait", expect = ACCEPTABLE, desc = "the buffer was back before the waiter asked: it took it without queueing")
@Outcome(id = "ok, waited", expect = ACCEPTABLE, desc = "the waiter queued and the releaser handed it the buffer")
@Outcome(id = "timed-out, .*", expect = FORBIDDEN, desc = "lost wake-up: the waiter timed out although the buffer was given back")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "the books are broken: a buffer lost, duplicated, or stranded behind a departed waiter")
@State
public class BoundedWakeupStress {

    private final OneBuffer one = new OneBuffer();
    private Lease<byte[]> got;
    private boolean interrupted;

    @Actor
    public void release() {
        one.held.close();
    }

    @Actor
    public void waiter() {
        try {
            got = one.pool.tryAcquire(OneBuffer.CAPACITY, 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
    }

    @Arbiter
    public void check(LL_Result r) {
        String waited = one.waited();
        String books = one.books(got, false);
        r.r1 = interrupted ? "interrupted" : got == null ? "timed-out" : books;
        r.r2 = waited;
    }
}
