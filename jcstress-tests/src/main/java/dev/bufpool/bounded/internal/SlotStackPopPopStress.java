package dev.bufpool.bounded.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two concurrent takes of the bounded pool's idle stack: two idle slots, two pops. Each CAS of the
 * stripe's head word claims one slot, so the two pops get the two slots, one each, and the stack is
 * empty afterwards.
 *
 * <p>Results: the index of the slot the first actor popped, of the slot the second popped
 * ({@code -1}: none), the slots left on the stack.
 */
@JCStressTest
@Description("SlotStack: concurrent pops never return the same slot")
@Outcome(id = {"0, 1, 0", "1, 0, 0"}, expect = ACCEPTABLE, desc = "each pop took a different slot")
@Outcome(id = {"0, 0, .*", "1, 1, .*"}, expect = FORBIDDEN, desc = "both pops returned the same slot: two holders of one buffer")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "a pop found nothing though two slots were idle, or a slot stayed behind")
@State
public class SlotStackPopPopStress {

    private final Stripes stripes = new Stripes(2);

    public SlotStackPopPopStress() {
        stripes.stack.push(stripes.slots[0], 2);
        stripes.stack.push(stripes.slots[1], 2);
    }

    @Actor
    public void first(III_Result r) {
        r.r1 = Stripes.index(stripes.stack.pop());
    }

    @Actor
    public void second(III_Result r) {
        r.r2 = Stripes.index(stripes.stack.pop());
    }

    @Arbiter
    public void check(III_Result r) {
        r.r3 = stripes.stack.size();
    }
}
