package dev.bufpool.core;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;
import java.util.List;

/**
 * The logical capacity below the cell count: a ring of capacity 3 has 4 cells, so only the
 * {@code tail - head} check keeps a fourth element out. The ring starts full (x1, x2, x3); one actor
 * polls once and offers twice, the other offers twice. Exactly one place frees up, so of the four
 * offers at most one succeeds; and the poll of the full ring must get x1.
 */
@JCStressTest
@Description("MpmcRing capacity: a ring of capacity 3 (4 cells) never holds 4 elements")
@Outcome(id = "ok, .*", expect = ACCEPTABLE, desc = "at most one offer took the one place the poll freed; nothing lost or duplicated")
@Outcome(id = "over-capacity, .*", expect = FORBIDDEN, desc = "the ring held more elements than its capacity")
@Outcome(id = "lost, .*", expect = FORBIDDEN, desc = "an element whose offer succeeded was never polled")
@Outcome(id = "duplicated, .*", expect = FORBIDDEN, desc = "two polls returned the same element")
@Outcome(id = "phantom, .*", expect = FORBIDDEN, desc = "a poll returned an element whose offer failed")
@Outcome(id = "fifo, .*", expect = FORBIDDEN, desc = "one offerer's elements came out of their offer order")
@Outcome(id = "empty, .*", expect = FORBIDDEN, desc = "the poll of a full ring found nothing")
@State
public class MpmcRingCapacityStress {

    private static final int CAPACITY = 3;

    private final MpmcRing<String> ring = new MpmcRing<>(CAPACITY);
    private boolean a1;
    private boolean a2;
    private boolean b1;
    private boolean b2;
    private String got;

    public MpmcRingCapacityStress() {
        ring.offer("x1");
        ring.offer("x2");
        ring.offer("x3");
    }

    @Actor
    public void pollThenOffer() {
        got = ring.poll();
        a1 = ring.offer("a1");
        a2 = ring.offer("a2");
    }

    @Actor
    public void offer() {
        b1 = ring.offer("b1");
        b2 = ring.offer("b2");
    }

    @Arbiter
    public void check(LL_Result r) {
        List<String> left = RingFates.drain(ring);
        RingFates fates = new RingFates().offered("x1", true).offered("x2", true).offered("x3", true)
                .offered("a1", a1).offered("a2", a2).offered("b1", b1).offered("b2", b2)
                .polled(got);
        String verdict = fates.verdict(left, CAPACITY);
        if ("ok".equals(verdict) && !"x1".equals(got)) {
            verdict = got == null ? "empty" : "fifo";
        }
        r.r1 = verdict;
        r.r2 = fates.summary(left);
    }
}
