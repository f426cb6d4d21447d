package dev.bufpool.core;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The close protocol of the unbounded pools on a bare ring and {@link CloseFlag}, as
 * {@code CloseFlag} states it: a release offers its buffer to the ring and then reads the flag as a
 * volatile, draining the ring if it is set; close sets the flag and then drains the ring. "One of the
 * two always sees the other", so nothing stays in the ring. (With a plain poll loop as the drain,
 * 300 in 17 million samples kept the element: the offer publishes its cell with a release store,
 * which the releaser's volatile read of the flag may pass, and the loop took the claimed but
 * unpublished cell for an empty ring.)
 *
 * <p>Results: elements left in the ring once both are done, and whether the releaser saw the flag.
 */
@JCStressTest
@Description("MpmcRing + CloseFlag: an offer racing close never leaves its element in the closed ring")
@Outcome(id = {"0, 0", "0, 1"}, expect = ACCEPTABLE, desc = "the closer drained the element, or the releaser saw the flag and drained it")
@Outcome(id = "1, 0", expect = FORBIDDEN,
        desc = "the element stayed: the releaser read the flag clear, and the closer's drain missed the element")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "the element stayed in the closed ring")
@State
public class MpmcRingCloseDrainStress {

    private final MpmcRing<String> ring = new MpmcRing<>(4);
    private final CloseFlag closed = new CloseFlag();
    private boolean sawClosed;

    @Actor
    public void release() {
        if (ring.offer("x")) {
            sawClosed = closed.isClosed();
            if (sawClosed) {
                drain();
            }
        }
    }

    @Actor
    public void close() {
        closed.close();
        drain();
    }

    /** As the pools' close does: {@link MpmcRing#drain()}, which waits for a claimed cell to be published. */
    private void drain() {
        ring.drain();
    }

    @Arbiter
    public void check(II_Result r) {
        r.r1 = ring.size();
        r.r2 = sawClosed ? 1 : 0;
    }
}
