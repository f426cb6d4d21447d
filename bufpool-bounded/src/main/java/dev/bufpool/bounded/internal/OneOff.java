package dev.bufpool.bounded.internal;

/**
 * A buffer allocated for one request the pooled buffers do not serve (larger than
 * {@code bufferCapacity}, or below {@code oneOffBelow}), charged to the memory budget from its
 * reservation until its lease is closed, then left to the garbage collector.
 *
 * @param <T> the buffer class
 */
final class OneOff<T> extends Holder<T> {

    /** The capacity asked for, and allocated. */
    final int capacity;
    /** The bytes charged to the budget; given back, the same amount, on close. */
    final long bytes;

    OneOff(BoundedEngine<T> engine, int capacity, long bytes) {
        super(engine);
        this.capacity = capacity;
        this.bytes = bytes;
    }

    @Override
    int capacityToCreate() {
        return capacity;
    }

    @Override
    public void recycle(T returned) {
        engine.ledger().releaseOneOff(this);
    }

    @Override
    void discard() {
        engine.ledger().releaseOneOff(this);
    }

    @Override
    public String toString() {
        return "OneOff[capacity=" + capacity + ", bytes=" + bytes + "]";
    }
}
