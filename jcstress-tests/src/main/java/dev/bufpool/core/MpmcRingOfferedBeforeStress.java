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
 * The idle tick's poll bounded by a mark, against an acquirer and a releaser. The ring holds
 * {@code a1}, offered before the test. The tick reads {@code mark = offers()} and polls twice with
 * {@code pollOfferedBefore(mark)}; the other actor offers {@code b1} (a release) and then polls (an
 * acquire).
 *
 * <p>Forbidden besides loss and duplication: the tick getting {@code b1} with a mark of 1, that is
 * an element offered after the mark (its ticket is 1, and {@code offers()} returned 1 before its
 * CAS on {@code tail}); and {@code b1} coming out while {@code a1}, offered first, stays in the ring.
 */
@JCStressTest
@Description("MpmcRing.pollOfferedBefore(mark) never returns an element offered after the mark")
@Outcome(id = "ok, .*", expect = ACCEPTABLE, desc = "each element taken once; the tick took only elements offered before its mark")
@Outcome(id = "after-mark, .*", expect = FORBIDDEN, desc = "pollOfferedBefore(mark) returned an element offered after the mark")
@Outcome(id = "lost, .*", expect = FORBIDDEN, desc = "an element whose offer succeeded was never polled")
@Outcome(id = "duplicated, .*", expect = FORBIDDEN, desc = "two polls returned the same element")
@Outcome(id = "phantom, .*", expect = FORBIDDEN, desc = "a poll returned an element whose offer failed")
@Outcome(id = "fifo, .*", expect = FORBIDDEN, desc = "b1 came out while a1, offered first, stayed")
@Outcome(id = "over-capacity, .*", expect = FORBIDDEN, desc = "the ring held more elements than its capacity")
@State
public class MpmcRingOfferedBeforeStress {

    private static final int CAPACITY = 4;

    private final MpmcRing<String> ring = new MpmcRing<>(CAPACITY);
    private long mark;
    private String tick1;
    private String tick2;
    private boolean b1;
    private String acquired;

    public MpmcRingOfferedBeforeStress() {
        ring.offer("a1");
    }

    @Actor
    public void tick() {
        long m = ring.offers();
        mark = m;
        tick1 = ring.pollOfferedBefore(m);
        tick2 = ring.pollOfferedBefore(m);
    }

    @Actor
    public void releaseThenAcquire() {
        b1 = ring.offer("b1");
        acquired = ring.poll();
    }

    @Arbiter
    public void check(LL_Result r) {
        List<String> left = RingFates.drain(ring);
        // Tick and acquirer are two pollers; b1 (ticket 1) is after a mark of 1.
        RingFates fates = new RingFates().offered("a1", true).offered("b1", b1)
                .polled(tick1, tick2).polled(acquired);
        String verdict = fates.verdict(left, CAPACITY);
        boolean tickGotB = "b1".equals(tick1) || "b1".equals(tick2);
        if (tickGotB && mark < 2) {
            verdict = "after-mark";
        } else if ("ok".equals(verdict) && left.contains("a1") && !left.contains("b1") && b1) {
            verdict = "fifo"; // b1 was taken, a1 (older) was not
        }
        r.r1 = verdict;
        r.r2 = "mark=" + mark + " tick=" + name(tick1) + "/" + name(tick2) + " acquirer=" + name(acquired)
                + " left=" + left.size();
    }

    private static String name(String element) {
        return element == null ? "-" : element;
    }
}
