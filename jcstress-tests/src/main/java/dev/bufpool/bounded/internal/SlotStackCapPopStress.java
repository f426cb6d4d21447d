package dev.bufpool.bounded.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * The cap with a take in the race: a cap of 2 (a share of 1 per stripe) and the stack at its cap
 * (slots 0 and 1 idle, one per stripe). The first actor takes a slot and gives it back; the second
 * gives back slot 2, which it holds. One place frees up and one more slot than places comes back,
 * so exactly one of the two pushes is refused: both refused would leave the pool a slot short of its
 * cap, both accepted would pass it. A push reads the count from the top slot's {@code depth}, so a
 * stale depth (an ABA of pop and push between its read and its CAS) would show as a stripe of 2.
 *
 * <p>Results: whether the first actor's push succeeded ({@code -1}: its pop found nothing), whether
 * the second's did, the slots idle, the deepest stripe's count.
 */
@JCStressTest
@Description("SlotStack: the per-stripe cap holds with a take and two returns racing")
@Outcome(id = {"1, 0, 2, 1", "0, 1, 2, 1"}, expect = ACCEPTABLE, desc = "one push refused at the cap, one landed in the place the pop freed")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "both pushes succeeded: the cap of 2 was passed")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "both pushes refused though a place was free")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "a stripe passed its share, the take found a full stack empty, or a slot was lost")
@State
public class SlotStackCapPopStress {

    private static final int CAP = 2;

    private final Stripes stripes = new Stripes(3);
    private int first;
    private boolean second;

    public SlotStackCapPopStress() {
        stripes.stack.push(stripes.slots[0], CAP);
        stripes.stack.push(stripes.slots[1], CAP); // the home stripe is at its share: lands on the other
    }

    @Actor
    public void takeAndGiveBack() {
        Slot<Object> slot = stripes.stack.pop();
        first = slot == null ? -1 : stripes.stack.push(slot, CAP) ? 1 : 0;
    }

    @Actor
    public void giveBack() {
        second = stripes.stack.push(stripes.slots[2], CAP);
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r1 = first;
        r.r2 = second ? 1 : 0;
        r.r3 = stripes.stack.size();
        r.r4 = stripes.deepestStripe();
    }
}
