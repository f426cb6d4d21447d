package dev.bufpool.internal;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferType;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import java.util.concurrent.TimeUnit;

/**
 * One of the process-wide pools of {@code BufferPools}: every call goes to the pool it wraps,
 * except {@link #close()}, which would break every other user of the pool and is refused.
 */
public final class GlobalPool<T> implements BufferPool<T> {

    private final BufferPool<T> pool;

    public GlobalPool(BufferPool<T> pool) {
        this.pool = java.util.Objects.requireNonNull(pool, "pool");
    }

    @Override
    public Lease<T> acquire(int minCapacity) {
        return pool.acquire(minCapacity);
    }

    @Override
    public Lease<T> tryAcquire(int minCapacity) {
        return pool.tryAcquire(minCapacity);
    }

    @Override
    public Lease<T> tryAcquire(int minCapacity, long timeout, TimeUnit unit) throws InterruptedException {
        return pool.tryAcquire(minCapacity, timeout, unit);
    }

    @Override
    public String name() {
        return pool.name();
    }

    @Override
    public BufferType<T> type() {
        return pool.type();
    }

    @Override
    public PoolStats stats() {
        return pool.stats();
    }

    @Override
    public void trim() {
        pool.trim();
    }

    /** @throws UnsupportedOperationException always: a global pool lives as long as the process */
    @Override
    public void close() {
        throw new UnsupportedOperationException("global pool " + pool.name()
                + " cannot be closed: other code shares it; create a pool of your own to control its life");
    }

    @Override
    public String toString() {
        return pool.toString();
    }
}
