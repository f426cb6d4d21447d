package dev.bufpool.bounded.internal;

/**
 * One of the pool's {@code size()} places for a buffer of {@code bufferCapacity}. A slot is in
 * exactly one of these places: on the idle stack (holding a buffer), leased out (holding a buffer),
 * reserved by a thread creating its buffer, among the empty slots (no buffer), or among the slots
 * shrinking retired (no buffer, not counted in {@code size()} until a later {@code grow}); see
 * {@link SlotBooks}.
 *
 * <p>The fields every push and pop write are in {@link SlotFields}; this class adds 64 bytes of
 * padding after them, so two threads working on adjacent slots do not falsely share a cache line.
 *
 * @param <T> the buffer class
 */
final class Slot<T> extends SlotFields<T> {

    // Padding after the hot fields, so that the next slot (slots are made one after another and
    // usually lie next to each other) never shares their cache line: two threads each taking and
    // giving back their own slots must not pass a line between their cores.
    long p1, p2, p3, p4, p5, p6, p7, p8;

    Slot(BoundedEngine<T> engine, int index) {
        super(engine, index);
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
