package dev.bufpool.core;

import dev.bufpool.Lease;
import dev.bufpool.SharedBuffer;

/**
 * The lease every implementation hands out: the buffer, its pool, and whether it is still held.
 *
 * <p>One object per acquisition, so a stale lease (closed, its buffer since handed to someone
 * else) is a different object from the new holder's and its second close does nothing. The object
 * is small and never stored by the pool, so when {@code acquire} and {@code close} are inlined into
 * a try-with-resources block the JIT's escape analysis removes the allocation. Nothing here may
 * store {@code this} anywhere, or that is lost.
 *
 * <p>State machine, single-holder (a lease is not for concurrent use):
 * {@code OPEN --close--> CLOSED}, {@code OPEN --share--> SHARED}; CLOSED and SHARED are final.
 *
 * @param <T> the buffer class
 */
public final class PooledLease<T> implements Lease<T> {

    private static final byte OPEN = 0;
    private static final byte CLOSED = 1;
    private static final byte SHARED = 2;

    private final Recycler<T> pool;
    private final T buffer;
    private final Object[] cache;
    private final Thread acquirer;
    /**
     * What the leak watch watches in this lease's place, or {@code null} (always so without leak
     * detection): referred to from here alone, so it becomes unreachable when this lease does, while
     * the watch never refers to this lease (which escape analysis can then still remove).
     */
    private final LeakWatch.Witness witness;
    private byte state;

    /**
     * A lease that hands its buffer back to {@code pool}, with no leak watch.
     *
     * @param pool the pool the buffer goes back to
     * @param buffer the buffer, prepared for the holder
     */
    public PooledLease(Recycler<T> pool, T buffer) {
        this(pool, buffer, null, null, null);
    }

    /**
     * A lease that remembers the acquiring thread's cache: closed on that same thread, it hands the
     * cache back with the buffer and so saves the pool a second cache lookup.
     *
     * @param pool the pool the buffer goes back to
     * @param buffer the buffer, prepared for the holder
     * @param cache the acquiring thread's cache, or {@code null}
     * @param acquirer the acquiring thread, or {@code null}
     * @param witness what the pool's leak watch watches in this lease's place, from
     *        {@link LeakWatch#witness}, made before this lease; {@code null} when not watched
     */
    public PooledLease(Recycler<T> pool, T buffer, Object[] cache, Thread acquirer, LeakWatch.Witness witness) {
        this.pool = pool;
        this.buffer = buffer;
        this.cache = cache;
        this.acquirer = acquirer;
        this.witness = witness;
    }

    @Override
    public T buffer() {
        if (state != OPEN) {
            misused("buffer()");
            throw notOpen("buffer()");
        }
        return buffer;
    }

    @Override
    public int capacity() {
        return pool.type().capacity(buffer);
    }

    @Override
    public SharedBuffer<T> share() {
        if (state != OPEN) {
            misused("share()");
            throw notOpen("share()");
        }
        if (!pool.sharing()) {
            throw new UnsupportedOperationException("pool " + pool.name() + " does not offer SHARING");
        }
        state = SHARED;
        unwatch(); // shared handles are not watched: the buffer comes back when the last one closes
        return SharedHandle.first(pool, buffer);
    }

    @Override
    public void close() {
        if (state == OPEN) {
            state = CLOSED;
            unwatch();
            if (cache != null && Thread.currentThread() == acquirer) {
                pool.recycle(buffer, cache);
            } else {
                pool.recycle(buffer);
            }
        } else if (state == CLOSED) {
            misused("a second close()");
        }
    }

    private void unwatch() {
        LeakWatch.Witness w = witness;
        if (w != null) {
            w.closed();
        }
    }

    private void misused(String call) {
        LeakWatch.Witness w = witness;
        if (w != null) {
            w.misused(call);
        }
    }

    private IllegalStateException notOpen(String call) {
        return new IllegalStateException(call + " on a lease of pool " + pool.name() + " that was "
                + (state == SHARED ? "shared" : "closed"));
    }

    @Override
    public String toString() {
        return "Lease[" + pool.name() + ", " + (state == OPEN ? "open" : state == SHARED ? "shared" : "closed") + "]";
    }
}
