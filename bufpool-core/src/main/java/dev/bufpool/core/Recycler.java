package dev.bufpool.core;

import dev.bufpool.BufferType;

/**
 * Where a lease's buffer goes back to: the pool that handed it out.
 *
 * @param <T> the buffer class
 */
public interface Recycler<T> {

    /** {@return the type of the buffers this pool holds} */
    BufferType<T> type();

    /** {@return the pool's name, for messages} */
    String name();

    /** {@return whether leases of this pool may be {@linkplain dev.bufpool.Lease#share() shared}} */
    boolean sharing();

    /**
     * Takes back a buffer whose last holder is done. Called exactly once per acquisition, from any
     * thread; everything the holder wrote happens-before this call. Must not throw.
     *
     * @param buffer the buffer
     */
    void recycle(T buffer);

    /**
     * Takes back a buffer closed on the thread that acquired it, with that thread's cache as
     * {@link ThreadCaches#current()} gave it at acquisition, so the pool need not look it up again.
     * By default the cache is ignored.
     *
     * @param buffer the buffer
     * @param acquirerCache the calling thread's own cache
     */
    default void recycle(T buffer, Object[] acquirerCache) {
        recycle(buffer);
    }
}
