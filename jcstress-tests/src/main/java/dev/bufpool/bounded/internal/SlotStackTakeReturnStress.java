package dev.bufpool.bounded.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Take and return, as the bounded pool's fast paths do: two idle slots; each actor twice pops a slot,
 * claims it in a side table (a CAS from free to its own id, which fails if another actor holds it),
 * frees the claim and pushes the slot back. Pushes and pops race on the stripes' words, and the
 * slot's plain {@code next} and {@code depth} written before a push race a pop reading them.
 *
 * <p>Results: claims that found the slot held by the other actor (two holders at once), pops that
 * found nothing, slots idle at the end, and {@code 3} if the arbiter's drain found slots 0 and 1
 * once each.
 */
@JCStressTest
@Description("SlotStack: take/return races never hand one slot to two holders, never lose one")
@Outcome(id = "0, 0, 2, 3", expect = ACCEPTABLE, desc = "no slot had two holders; both slots back on the stack")
@Outcome(id = "0, [1-4], 2, 3", expect = ACCEPTABLE_INTERESTING,
        desc = "a pop found every stripe empty when read while a slot was being moved; allowed by the class, nothing lost")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "a slot had two holders at once, or a slot was lost or duplicated on the stack")
@State
public class SlotStackTakeReturnStress {

    private static final int CAP = 2;

    private final Stripes stripes = new Stripes(2);
    /** Who holds each slot now: 0 nobody, else the actor's id. */
    private final AtomicIntegerArray holder = new AtomicIntegerArray(2);
    private int twoHolders1;
    private int twoHolders2;
    private int empty1;
    private int empty2;

    public SlotStackTakeReturnStress() {
        stripes.stack.push(stripes.slots[0], CAP);
        stripes.stack.push(stripes.slots[1], CAP);
    }

    @Actor
    public void first() {
        for (int round = 0; round < 2; round++) {
            Slot<Object> slot = stripes.stack.pop();
            if (slot == null) {
                empty1++;
                continue;
            }
            if (!holder.compareAndSet(slot.index, 0, 1)) {
                twoHolders1++;
            }
            holder.set(slot.index, 0);
            stripes.stack.push(slot, CAP);
        }
    }

    @Actor
    public void second() {
        for (int round = 0; round < 2; round++) {
            Slot<Object> slot = stripes.stack.pop();
            if (slot == null) {
                empty2++;
                continue;
            }
            if (!holder.compareAndSet(slot.index, 0, 2)) {
                twoHolders2++;
            }
            holder.set(slot.index, 0);
            stripes.stack.push(slot, CAP);
        }
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r1 = twoHolders1 + twoHolders2;
        r.r2 = empty1 + empty2;
        r.r3 = stripes.stack.size();
        r.r4 = stripes.drain();
    }
}
