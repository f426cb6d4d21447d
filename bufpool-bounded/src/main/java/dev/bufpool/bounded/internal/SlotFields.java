package dev.bufpool.bounded.internal;

/**
 * The fields of a {@link Slot} that the idle stack writes on every push and pop. They sit in a
 * class of their own so that {@link Slot}, which extends it, can lay padding out after them (a
 * class's fields come after its superclass's): see {@link Slot} for why.
 *
 * @param <T> the buffer class
 */
abstract class SlotFields<T> extends Holder<T> {

    /** The slot's place in {@link SlotStack}'s table. */
    final int index;

    /**
     * While on the idle stack: one more than the index of the slot below it, {@code 0} at the
     * bottom. Plain field; see {@link SlotStack} for why its races are benign.
     */
    int next;

    /**
     * While on the idle stack: how many slots its stripe holds with this one on top. Plain field,
     * written before the CAS that pushes the slot; see {@link SlotStack}.
     */
    int depth;

    /**
     * The head word its last pop left on its stripe, that stripe, and the count it left there: a
     * push that finds the stripe still at that word has the count without reading the top slot.
     * Plain fields, written by the popping thread once the slot is its own, and never by a push
     * (whose failed attempts do overwrite {@link #depth}); see {@link SlotStack}.
     */
    long poppedWord;

    int poppedStripe = -1;

    int poppedCount;

    SlotFields(BoundedEngine<T> engine, int index) {
        super(engine);
        this.index = index;
    }
}
