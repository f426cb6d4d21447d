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
 * A grant racing the waiter's timeout: the pool's one buffer is out; one actor gives it back while
 * the other waits only 20 microseconds, so the release often lands at about the instant the wait
 * ends. The ledger grants under its lock and the waiter looks at its grant, under that lock, before
 * it concludes it timed out: whichever it is, the buffer is either the waiter's or available, never
 * neither, and a waiter that timed out leaves no trace in the queue.
 *
 * <p>Results: the books ({@link OneBuffer#books}), what the waiter got, and whether it queued.
 */
@JCStressTest
@Description("BoundedBufferPool: a grant racing the waiter's timeout never loses the buffer")
@Outcome(id = "ok, granted .*", expect = ACCEPTABLE, desc = "the waiter got the buffer, at once or granted while it waited")
@Outcome(id = "ok, timed-out waited", expect = ACCEPTABLE, desc = "the waiter timed out first; the buffer went back to the idle stack")
@Outcome(id = "ok, timed-out no-wait", expect = FORBIDDEN, desc = "a timed wait returned null without ever waiting")
@Outcome(id = "lost, .*", expect = FORBIDDEN, desc = "the buffer is neither the waiter's nor available: granted to a waiter that left")
@Outcome(id = "stranded, .*", expect = FORBIDDEN, desc = "the buffer is back but cannot be acquired: the departed waiter is still queued")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "the books are broken")
@State
public class BoundedGrantTimeoutStress {

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
            got = one.pool.tryAcquire(OneBuffer.CAPACITY, 20, TimeUnit.MICROSECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
    }

    @Arbiter
    public void check(LL_Result r) {
        String waited = one.waited();
        String fate = interrupted ? "interrupted" : got != null ? "granted" : "timed-out";
        r.r1 = one.books(got, false);
        r.r2 = fate + " " + waited;
    }
}
