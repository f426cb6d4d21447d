package dev.bufpool.bounded.internal;

/**
 * A {@link SlotStack} of two stripes and its slots, for the stack's jcstress tests. The slots belong
 * to no pool (their engine is {@code null}): the stack only links them by index.
 *
 * <p>Each test puts its idle slots on the stack from the thread that builds the state, so they sit
 * on that thread's home stripe; an actor whose home is the other stripe finds them by its pop's
 * search of the other stripes, one whose home is the same contends on the same word. Which of the
 * two a run gets depends on the actor threads' ids, and so differs between forks.
 *
 * <p>The ABA window (a stalled pop whose head word comes back after the tag wraps) cannot be reached
 * in a stress run: it takes 2^43 pops of one stripe while one thread stalls between two
 * instructions. The unit test {@code SlotStackTest.aHeadWordNeverRepeatsAfter2To22PopsSoAStalledPopCannotSucceed}
 * drives the tag through that many pops on one thread instead.
 */
final class Stripes {

    private static final long TOP_MASK = (1L << 21) - 1;

    final SlotStack<Object> stack = new SlotStack<>(1);
    final Slot<Object>[] slots;

    Stripes(int slotCount) {
        slots = stack.extend(slotCount, null);
    }

    /** {@return the number of slots on stripe {@code stripe}: its top slot's depth} */
    int depth(int stripe) {
        int top = (int) (stack.headWord(stripe) & TOP_MASK);
        return top == 0 ? 0 : slots[top - 1].depth;
    }

    /** {@return the deepest stripe's count} */
    int deepestStripe() {
        int deepest = 0;
        for (int stripe = 0; stripe < stack.stripes(); stripe++) {
            deepest = Math.max(deepest, depth(stripe));
        }
        return deepest;
    }

    /**
     * Pops every slot left.
     *
     * @return a bit per slot index popped; a slot popped twice sets {@code 1 << 30}
     */
    int drain() {
        int mask = 0;
        for (Slot<Object> slot = stack.pop(); slot != null; slot = stack.pop()) {
            int bit = 1 << slot.index;
            mask |= (mask & bit) != 0 ? 1 << 30 : bit;
        }
        return mask;
    }

    /** {@return the slot's index, or {@code -1} for none} */
    static int index(Slot<Object> slot) {
        return slot == null ? -1 : slot.index;
    }
}
