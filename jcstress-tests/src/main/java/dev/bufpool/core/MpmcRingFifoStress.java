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
 * One offerer, one poller, FIFO: the offerer offers three elements into a ring of capacity 4 (so no
 * offer fails) while the poller polls three times. The poller must see a prefix of the offer order
 * (an empty poll only while the next element is not yet published), and the arbiter the rest, in
 * order. This is the ring's publication edge too: a poll that sees a cell's sequence sees its element.
 */
@JCStressTest
@Description("MpmcRing FIFO: one offerer's elements come out in offer order, none lost or duplicated")
@Outcome(id = "ok, .*", expect = ACCEPTABLE, desc = "the poller got a prefix of the offers in order, the arbiter the rest")
@Outcome(id = "lost, .*", expect = FORBIDDEN, desc = "an element whose offer succeeded was never polled")
@Outcome(id = "duplicated, .*", expect = FORBIDDEN, desc = "two polls returned the same element")
@Outcome(id = "phantom, .*", expect = FORBIDDEN, desc = "a poll returned an element not offered")
@Outcome(id = "fifo, .*", expect = FORBIDDEN, desc = "elements came out of their offer order")
@Outcome(id = "over-capacity, .*", expect = FORBIDDEN, desc = "the ring held more elements than its capacity")
@Outcome(id = "refused, .*", expect = FORBIDDEN, desc = "an offer failed although the ring had room")
@State
public class MpmcRingFifoStress {

    private static final int CAPACITY = 4;

    private final MpmcRing<String> ring = new MpmcRing<>(CAPACITY);
    private boolean a1;
    private boolean a2;
    private boolean a3;
    private String got1;
    private String got2;
    private String got3;

    @Actor
    public void offerer() {
        a1 = ring.offer("a1");
        a2 = ring.offer("a2");
        a3 = ring.offer("a3");
    }

    @Actor
    public void poller() {
        got1 = ring.poll();
        got2 = ring.poll();
        got3 = ring.poll();
    }

    @Arbiter
    public void check(LL_Result r) {
        List<String> left = RingFates.drain(ring);
        RingFates fates = new RingFates().offered("a1", a1).offered("a2", a2).offered("a3", a3)
                .polled(got1, got2, got3);
        String verdict = fates.verdict(left, CAPACITY);
        // Three offers into four free places: none may fail.
        r.r1 = "ok".equals(verdict) && !(a1 && a2 && a3) ? "refused" : verdict;
        r.r2 = fates.summary(left);
    }
}
