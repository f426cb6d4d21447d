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
 * The idle cap, split into per-stripe shares: a cap of 2 on two stripes is a share of 1 each. Three
 * held slots are pushed at once (two by the first actor, one by the second), each push trying its
 * home stripe and then the other. A stripe must never pass its share, and a push may be refused only
 * when both stripes are at theirs: so exactly two pushes succeed.
 *
 * <p>Results: pushes that succeeded, the deepest stripe's count, the slots idle, and the number of
 * slots the arbiter's drain found (a slot found twice counts {@code 100}).
 */
@JCStressTest
@Description("SlotStack: push(slot, cap) never passes a stripe's share of the cap, and refuses only at the cap")
@Outcome(id = "2, 1, 2, 2", expect = ACCEPTABLE, desc = "two pushes landed, one on each stripe; the third was refused at the cap")
@Outcome(id = "3, .*", expect = FORBIDDEN, desc = "three pushes succeeded: the cap of 2 was passed")
@Outcome(id = "2, [2-9], .*", expect = FORBIDDEN, desc = "a stripe holds more than its share of the cap")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "a push was refused below the cap, or the stack lost or duplicated a slot")
@State
public class SlotStackCapStress {

    private static final int CAP = 2;

    private final Stripes stripes = new Stripes(3);
    private boolean a;
    private boolean b;
    private boolean c;

    @Actor
    public void pushTwo() {
        a = stripes.stack.push(stripes.slots[0], CAP);
        b = stripes.stack.push(stripes.slots[1], CAP);
    }

    @Actor
    public void pushOne() {
        c = stripes.stack.push(stripes.slots[2], CAP);
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r1 = (a ? 1 : 0) + (b ? 1 : 0) + (c ? 1 : 0);
        r.r2 = stripes.deepestStripe();
        r.r3 = stripes.stack.size();
        int drained = stripes.drain();
        r.r4 = Integer.bitCount(drained & 7) + ((drained & (1 << 30)) != 0 ? 100 : 0);
    }
}
