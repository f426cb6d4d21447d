package dev.bufpool.bounded.internal;

import java.util.concurrent.locks.Condition;

/**
 * One thread waiting in the ledger's FIFO queue, with a condition of its own so that a release
 * wakes exactly the waiter it served. Every field is read and written under the ledger lock.
 *
 * @param <T> the buffer class
 */
final class Waiter<T> {

    final int capacity;
    final boolean pooled;
    final long bytes;
    final Condition ready;

    /** What the ledger handed this waiter; once set, the waiter owns it, whatever else happens. */
    Holder<T> grant;

    Waiter(int capacity, boolean pooled, long bytes, Condition ready) {
        this.capacity = capacity;
        this.pooled = pooled;
        this.bytes = bytes;
        this.ready = ready;
    }
}
