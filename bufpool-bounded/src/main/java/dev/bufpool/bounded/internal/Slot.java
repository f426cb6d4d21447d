package dev.bufpool.bounded.internal;

/**
 * One of the pool's {@code size()} places for a buffer of {@code bufferCapacity}. A slot is in
 * exactly one of these places: on the idle stack (holding a buffer), leased out (holding a buffer),
 * reserved by a thread creating its buffer, among the empty slots (no buffer), or among the slots
 * shrinking retired (no buffer, not counted in {@code size()} until a later {@code grow}); see
 * {@link SlotBooks}.
 *
 * @param <T> the buffer class
 */
final class Slot<T> extends Holder<T> {

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

    Slot(BoundedEngine<T> engine, int index) {
        super(engine);
        this.index = index;
    }

    @Override
    int capacityToCreate() {
        return engine.bufferCapacity();
    }

    @Override
    public void recycle(T returned) {
        engine.releasePooled(this, returned);
    }

    @Override
    void discard() {
        engine.ledger().drop(this);
    }

    @Override
    public String toString() {
        return "Slot[" + index + (buffer == null ? ", empty]" : "]");
    }
}
