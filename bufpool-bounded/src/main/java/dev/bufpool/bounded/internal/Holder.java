package dev.bufpool.bounded.internal;

import dev.bufpool.BufferType;
import dev.bufpool.core.Recycler;

/**
 * What a lease of the bounded pool gives its buffer back to: a pooled {@link Slot} or a
 * {@link OneOff} buffer charged to the memory budget. One class for both, so that the pool's
 * acquire methods allocate their lease at a single site, which the JIT can remove.
 *
 * @param <T> the buffer class
 */
abstract class Holder<T> implements Recycler<T> {

    final BoundedEngine<T> engine;

    /**
     * The buffer. For a slot: {@code null} while it has none (not yet created, or dropped). Written
     * only by the holder's exclusive owner (the thread creating it, or the ledger under its lock
     * after taking the slot off the idle stack); published to the next owner by the idle stack's
     * CAS or by the ledger lock.
     */
    T buffer;

    Holder(BoundedEngine<T> engine) {
        this.engine = engine;
    }

    /** {@return the capacity of the buffer to create for this holder} */
    abstract int capacityToCreate();

    /** Gives the holder back without keeping its buffer: its preparation for a holder failed. */
    abstract void discard();

    @Override
    public BufferType<T> type() {
        return engine.type();
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public boolean sharing() {
        return true;
    }
}
