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
 * Two offerers and two pollers on a ring of capacity 2: each actor offers two elements of its own,
 * then polls twice. Four offers into two places race with four polls, so offers fail when the ring
 * is full and polls find it empty; the arbiter then polls what is left.
 *
 * <p>The first result is the verdict ({@link RingFates#verdict}); the second counts the offers that
 * succeeded, the elements the actors polled and those left, to show which interleavings ran.
 */
@JCStressTest
@Description("MpmcRing offer/poll: two offerers and two pollers on a ring of capacity 2")
@Outcome(id = "ok, .*", expect = ACCEPTABLE,
        desc = "every element offered was polled once, each poller saw an offerer's elements in offer order, no more left than the capacity")
@Outcome(id = "lost, .*", expect = FORBIDDEN, desc = "an element whose offer succeeded was never polled")
@Outcome(id = "duplicated, .*", expect = FORBIDDEN, desc = "two polls returned the same element")
@Outcome(id = "phantom, .*", expect = FORBIDDEN, desc = "a poll returned an element whose offer failed")
@Outcome(id = "fifo, .*", expect = FORBIDDEN, desc = "one offerer's elements came out of their offer order")
@Outcome(id = "over-capacity, .*", expect = FORBIDDEN, desc = "the ring held more elements than its capacity")
@State
public class MpmcRingOfferPollStress {

    private static final int CAPACITY = 2;

    private final MpmcRing<String> ring = new MpmcRing<>(CAPACITY);
    private boolean a1;
    private boolean a2;
    private boolean b1;
    private boolean b2;
    private String aGot1;
    private String aGot2;
    private String bGot1;
    private String bGot2;

    @Actor
    public void a() {
        a1 = ring.offer("a1");
        a2 = ring.offer("a2");
        aGot1 = ring.poll();
        aGot2 = ring.poll();
    }

    @Actor
    public void b() {
        b1 = ring.offer("b1");
        b2 = ring.offer("b2");
        bGot1 = ring.poll();
        bGot2 = ring.poll();
    }

    @Arbiter
    public void check(LL_Result r) {
        List<String> left = RingFates.drain(ring);
        RingFates fates = new RingFates()
                .offered("a1", a1).offered("a2", a2).offered("b1", b1).offered("b2", b2)
                .polled(aGot1, aGot2)
                .polled(bGot1, bGot2);
        r.r1 = fates.verdict(left, CAPACITY);
        r.r2 = fates.summary(left);
    }
}
