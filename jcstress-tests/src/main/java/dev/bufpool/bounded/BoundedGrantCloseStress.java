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
 * A grant racing close: the pool's one buffer is out; one actor gives it back and closes the pool,
 * the other waits for it with a 5 s timeout. The waiter gets the buffer (granted before the close),
 * or {@code IllegalStateException} (it arrived, or was still waiting, when the pool closed); a
 * granted buffer is never lost to the close, and a buffer given back while the pool closes is
 * drained by whichever of release and close comes second.
 *
 * <p>Results: the books ({@code available() + out == size()} on the closed pool, where a drained
 * slot counts as available), and what the waiter got.
 */
@JCStressTest
@Description("BoundedBufferPool: a grant racing close never loses the buffer")
@Outcome(id = "ok, lease", expect = ACCEPTABLE, desc = "the waiter was granted the buffer before the pool closed")
@Outcome(id = "ok, closed", expect = ACCEPTABLE, desc = "the waiter saw the pool closed; the buffer was drained")
@Outcome(id = "ok, timed-out", expect = FORBIDDEN, desc = "the waiter slept its 5 s: neither the release nor the close woke it")
@Outcome(id = "lost, .*", expect = FORBIDDEN, desc = "a granted buffer was lost to the close")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "the books are broken")
@State
public class BoundedGrantCloseStress {

    private final OneBuffer one = new OneBuffer();
    private Lease<byte[]> got;
    private String fate;

    @Actor
    public void releaseThenClose() {
        one.held.close();
        one.pool.close();
    }

    @Actor
    public void waiter() {
        try {
            got = one.pool.tryAcquire(OneBuffer.CAPACITY, 5, TimeUnit.SECONDS);
            fate = got == null ? "timed-out" : "lease";
        } catch (IllegalStateException e) {
            fate = "closed";
        } catch (InterruptedException e) {
            fate = "interrupted";
        }
    }

    @Arbiter
    public void check(LL_Result r) {
        r.r1 = one.books(got, true);
        r.r2 = fate;
    }
}
