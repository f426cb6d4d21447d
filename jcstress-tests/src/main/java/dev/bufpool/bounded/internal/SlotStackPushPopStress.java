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
 * A return racing two takes: slot 0 is idle, slot 1 is held by the first actor, which pushes it; the
 * second actor pops twice. The pusher writes {@code slot.next} and {@code slot.depth} plainly and
 * then CASes the head; a pop that sees the new head must see them (else it would link a stale
 * {@code next} and lose or duplicate a slot), and a pop racing the push retries on the changed word.
 *
 * <p>Results: whether the push succeeded, the first and second slot popped ({@code -1}: none), a bit
 * per slot the arbiter's drain found ({@code 1 << 30} if one twice).
 */
@JCStressTest
@Description("SlotStack: a push racing pops: no slot lost or duplicated, the pushed slot linked whole")
@Outcome(id = {"1, 0, 1, 0", "1, 1, 0, 0"}, expect = ACCEPTABLE, desc = "both pops got a slot: the push landed before the second pop")
@Outcome(id = "1, 0, -1, 2", expect = ACCEPTABLE, desc = "the pops ran before the push landed: slot 1 left idle")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "a slot lost or returned twice, a pop returned nothing while slot 0 was idle, or the push was refused below the cap")
@State
public class SlotStackPushPopStress {

    private final Stripes stripes = new Stripes(2);
    private boolean pushed;
    private int popped1;
    private int popped2;

    public SlotStackPushPopStress() {
        stripes.stack.push(stripes.slots[0], 4);
    }

    @Actor
    public void giveBack() {
        pushed = stripes.stack.push(stripes.slots[1], 4);
    }

    @Actor
    public void takeTwice() {
        popped1 = Stripes.index(stripes.stack.pop());
        popped2 = Stripes.index(stripes.stack.pop());
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r1 = pushed ? 1 : 0;
        r.r2 = popped1;
        r.r3 = popped2;
        r.r4 = stripes.drain();
    }
}
