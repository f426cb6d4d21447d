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
 * A grant racing an interrupt: the pool's one buffer is out; one actor gives it back and then
 * interrupts the other, which waits for it with a 5 s timeout. The interrupt may land before the
 * waiter asks (it throws on entry), while it waits before the grant (it throws, and the buffer stays
 * idle), or after the grant (it returns the lease with its interrupt flag set): a granted buffer is
 * never dropped for an interrupt.
 *
 * <p>The interrupt is sent only while the waiter is inside {@code tryAcquire} (a lock and a flag
 * guard it), and the waiter clears its flag afterwards, so no interrupt leaks into the harness.
 *
 * <p>Results: the books, and what the waiter got: {@code lease} (flag clear), {@code lease+flag}
 * (flag set: the interrupt came after the grant, or after the call returned), {@code interrupted}.
 */
@JCStressTest
@Description("BoundedBufferPool: a grant racing an interrupt never loses the buffer")
@Outcome(id = "ok, lease", expect = ACCEPTABLE, desc = "the waiter got the buffer before the interrupt")
@Outcome(id = "ok, lease\\+flag", expect = ACCEPTABLE, desc = "the waiter got the buffer; the interrupt came after the grant and its flag is kept")
@Outcome(id = "ok, interrupted", expect = ACCEPTABLE, desc = "interrupted before any grant: InterruptedException, the buffer idle in the pool")
@Outcome(id = "ok, timed-out", expect = FORBIDDEN, desc = "the waiter timed out: the release's wake-up was lost")
@Outcome(id = "lost, .*", expect = FORBIDDEN, desc = "the buffer was granted and then dropped for the interrupt")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "the books are broken: a buffer lost, duplicated, or stranded")
@State
public class BoundedGrantInterruptStress {

    private final OneBuffer one = new OneBuffer();
    private final Object guard = new Object();
    private volatile Thread waiterThread;
    private boolean waiterDone;
    private Lease<byte[]> got;
    private String fate;

    @Actor
    public void releaseThenInterrupt() {
        one.held.close();
        Thread waiter;
        while ((waiter = waiterThread) == null) {
            Thread.onSpinWait();
        }
        synchronized (guard) {
            if (!waiterDone) {
                waiter.interrupt();
            }
        }
    }

    @Actor
    public void waiter() {
        waiterThread = Thread.currentThread();
        String result;
        try {
            got = one.pool.tryAcquire(OneBuffer.CAPACITY, 5, TimeUnit.SECONDS);
            result = got == null ? "timed-out" : "lease";
        } catch (InterruptedException e) {
            result = "interrupted";
        }
        synchronized (guard) {
            waiterDone = true;
        }
        if (Thread.interrupted() && got != null) {
            result = "lease+flag";
        }
        fate = result;
    }

    @Arbiter
    public void check(LL_Result r) {
        r.r1 = one.books(got, false);
        r.r2 = fate;
    }
}
