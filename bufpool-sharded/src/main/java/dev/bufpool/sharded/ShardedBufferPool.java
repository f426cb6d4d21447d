package dev.bufpool.sharded;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferType;
import dev.bufpool.Lease;
import dev.bufpool.PoolSpec;
import dev.bufpool.PoolStats;
import dev.bufpool.core.LeakWatch;
import dev.bufpool.core.PooledLease;
import dev.bufpool.core.Threads;
import dev.bufpool.idle.IdleBudget;
import dev.bufpool.sharded.internal.ShardedEngine;
import dev.bufpool.sharded.internal.ShardedSettings;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A buffer pool spread over thread-affine shards, with a small cache per platform thread.
 *
 * <p><b>Acquire</b> looks in the calling thread's cache, then in its home shard (chosen from the
 * thread's identity, without a {@code ThreadLocal}), then steals from the other shards, and
 * allocates only when all are empty. It never blocks and never fails for want of buffers. A kept
 * buffer smaller than the request is dropped and a larger one allocated (rounded up to a power of
 * two, not above {@code trimCapacity}), so the buffers kept grow to the sizes in use.
 *
 * <p><b>Release</b> (closing the lease) resets the buffer, then puts it in the releasing thread's
 * cache, else in that thread's home shard, else in the next shard with room, else drops it. A buffer above {@code trimCapacity} is
 * dropped, never kept. Buffers released on another thread than the one that acquired them are
 * found again by stealing.
 *
 * <p><b>Retention:</b> the pool keeps at most {@code maxIdleBuffers} idle buffers, caches and
 * shards together: up to half of the bound is shared out to thread caches of
 * {@code threadCacheSize} buffers each (a few per shard), the rest is spread over the shards.
 * Virtual threads get no cache. Caches of threads that have ended go back to the shards.
 *
 * <p><b>Idle trimming</b> (with {@code idleTimeout}, {@code maxIdleBytes} or {@code clock}, set in
 * a {@link PoolSpec} given to {@link #create(PoolSpec)}):
 * caches and shards keep at most half of {@code maxIdleBytes}, counted as buffers of
 * {@code trimCapacity}; an idle reserve (a Caffeine cache weighing bytes, expiring by idle time,
 * evicting by frequency) holds what does not fit, and what sat in a shard for a tick. A buffer not
 * reused is trimmed no sooner than {@code idleTimeout} after it was given back and no later than
 * one trim period ({@code min(idleTimeout, 1 s)}) after that, on a timer of the JDK's shared delay
 * scheduler, with no call to the pool needed; {@link #close()} cancels that timer. The caches of
 * live threads are not trimmed by time: at most {@code threadCacheSize} buffers a thread, and a
 * quarter of {@code maxIdleBytes} in all. A cache hit or a buffer reused from the own shard never
 * touches the reserve.
 *
 * <p><b>Thread safety:</b> all methods are thread-safe, take no lock and never wait, except that
 * with idle trimming the reserve (reached only when every shard is empty or full) takes a short
 * lock per size. The hot path (a cache hit on
 * acquire, a cache push on close) touches only thread-confined memory and allocates nothing once
 * the JIT has inlined it.
 *
 * <p>Settings default to: shards the next power of two at or above the processor count, clamped
 * to [4, 64]; {@code maxIdleBuffers} 256; {@code trimCapacity} 1,048,576 elements;
 * {@code threadCacheSize} 4.
 *
 * @param <T> the buffer class
 */
public final class ShardedBufferPool<T> implements BufferPool<T> {

    /** The provider name under which {@link dev.bufpool.BufferPools} finds this pool. */
    public static final String PROVIDER_NAME = "sharded";

    private final ShardedEngine<T> engine;

    private ShardedBufferPool(ShardedEngine<T> engine) {
        this.engine = engine;
    }

    /**
     * Starts a builder for a pool of {@code type}.
     *
     * @param type the buffer type
     * @param <T> the buffer class
     * @return a new builder
     */
    public static <T> Builder<T> builder(BufferType<T> type) {
        return new Builder<>(type);
    }

    /**
     * Creates a pool from a spec, as the {@code "sharded"} provider does.
     *
     * @param spec the spec
     * @param <T> the buffer class
     * @return a new open pool
     * @throws IllegalArgumentException if the spec has a setting this pool cannot honour (such as
     *         {@code zeroOnRelease} or {@code maxBuffers}), or asks to preallocate without a
     *         {@code bufferCapacity}
     */
    public static <T> ShardedBufferPool<T> create(PoolSpec<T> spec) {
        Objects.requireNonNull(spec, "spec");
        spec.checkHonouredBy(PROVIDER_NAME, ShardedEngine.FEATURES);
        ShardedSettings settings = ShardedSettings.of(spec);
        if (settings.preallocate() > 0 && spec.bufferCapacity().isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "preallocate needs bufferCapacity, the capacity of the buffers to create: preallocate=%d",
                    settings.preallocate()));
        }
        IdleBudget budget = IdleBudget.of(spec, settings.maxIdleBuffers(),
                spec.maxIdleBytes().isPresent() ? largestKeptBytes(spec.type(), settings.trimCapacity()) : 1);
        if (budget.trimming()) {
            settings = settings.withMaxIdleBuffers(budget.hotBuffers());
        }
        ShardedBufferPool<T> pool = new ShardedBufferPool<>(
                new ShardedEngine<>(spec.name(), spec.type(), settings, budget, spec.leakDetection()));
        if (settings.preallocate() > 0) {
            pool.preallocate(settings.preallocate(), spec.bufferCapacity().getAsInt());
        }
        return pool;
    }

    /**
     * The size of the largest buffer the pool keeps, one of {@code trimCapacity}: measured once,
     * since a buffer type's size need not be linear in its capacity.
     */
    private static <T> long largestKeptBytes(BufferType<T> type, int trimCapacity) {
        return Math.max(1, type.sizeInBytes(type.allocate(trimCapacity)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Never blocks and never fails for want of buffers: on a miss it allocates.
     */
    @Override
    public Lease<T> acquire(int minCapacity) {
        // The buffer is taken before the lease is made, and the engine read once: this keeps the
        // method's own compiled code well under the JIT's InlineSmallCode, so callers inline it and
        // escape analysis removes the lease.
        ShardedEngine<T> e = engine;
        Thread thread = Thread.currentThread();
        Object[] cache = e.cacheOf(thread);
        T buffer = e.take(cache, minCapacity);
        LeakWatch.Witness witness = LeakWatch.witness(e.leakWatch(), e, buffer, null);
        return new PooledLease<>(e, buffer, cache, thread, witness);
    }

    /**
     * {@inheritDoc}
     *
     * <p>This pool is unbounded: the same as {@link #acquire(int)}, never {@code null}.
     */
    @Override
    public Lease<T> tryAcquire(int minCapacity) {
        return acquire(minCapacity);
    }

    /**
     * {@inheritDoc}
     *
     * <p>This pool is unbounded: the same as {@link #acquire(int)}; it never waits and never returns
     * {@code null}. Like {@link java.util.concurrent.Semaphore#tryAcquire(long, TimeUnit)}, it first
     * checks the interrupt flag: set on entry, it is cleared and {@link InterruptedException} thrown.
     *
     * @throws InterruptedException if the calling thread's interrupt flag was set on entry
     */
    @Override
    public Lease<T> tryAcquire(int minCapacity, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        Threads.checkInterruptOnEntry(name());
        return acquire(minCapacity);
    }

    /**
     * Warms the pool: creates up to {@code count} buffers of {@code capacity} elements and spreads
     * them over the shards, stopping when the shards are full.
     *
     * @param count how many buffers, {@code >= 0}
     * @param capacity their capacity in elements, in {@code [0, Integer.MAX_VALUE - 8]}
     * @return how many buffers were kept
     * @throws IllegalArgumentException if {@code count} or {@code capacity} is out of range
     * @throws IllegalStateException if the pool is closed
     */
    public int preallocate(int count, int capacity) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: count=" + count);
        }
        if (capacity < 0 || capacity > ShardedEngine.MAX_CAPACITY) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "capacity must be in [0, %d]: capacity=%d", ShardedEngine.MAX_CAPACITY, capacity));
        }
        return engine.preallocate(count, capacity);
    }

    /** {@return the number of shards} */
    public int shardCount() {
        return engine.settings().shards();
    }

    /** {@return the most idle buffers this pool keeps} */
    public int maxIdleBuffers() {
        return engine.settings().maxIdleBuffers();
    }

    /** {@return the capacity above which returned buffers are dropped} */
    public int trimCapacity() {
        return engine.settings().trimCapacity();
    }

    /** {@return the most buffers one platform thread caches} */
    public int threadCacheSize() {
        return engine.settings().threadCacheSize();
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public BufferType<T> type() {
        return engine.type();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Tracks allocations, drops, trims, idle buffers and idle bytes; the rest read
     * {@link PoolStats#UNTRACKED} (decorate the pool with {@code "stats"} to count them).
     */
    @Override
    public PoolStats stats() {
        return engine.stats();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Drops every buffer in the shards and in the calling thread's cache, and takes back the
     * caches of threads that have ended. Other live threads' caches are theirs to use.
     */
    @Override
    public void trim() {
        engine.trim();
    }

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return engine.toString();
    }

    /**
     * Builds a {@link ShardedBufferPool}. Every value is checked by {@link #build()}, which names
     * the setting, the value and what is allowed.
     *
     * <p><b>Thread safety:</b> not thread-safe; confine a builder to one thread.
     *
     * @param <T> the buffer class
     */
    public static final class Builder<T> {
        private final PoolSpec.Builder<T> spec;

        private Builder(BufferType<T> type) {
            this.spec = PoolSpec.builder(type).provider(PROVIDER_NAME);
        }

        /**
         * Sets the pool's name.
         *
         * @param name the pool's name, for messages and logs; not blank
         * @return this builder
         */
        public Builder<T> name(String name) {
            spec.name(name);
            return this;
        }

        /**
         * Sets the number of shards.
         *
         * @param count the number of shards, a power of two in [1, 1024]
         * @return this builder
         */
        public Builder<T> shards(int count) {
            spec.shards(count);
            return this;
        }

        /**
         * Sets how many buffers the pool keeps idle at most.
         *
         * @param count the most idle buffers kept, caches and shards together, in [0, 1048576]
         * @return this builder
         */
        public Builder<T> maxIdleBuffers(int count) {
            spec.maxIdleBuffers(count);
            return this;
        }

        /**
         * Sets the capacity above which buffers given back are dropped.
         *
         * @param capacity returned buffers above this capacity are dropped; in [1, 2147483639]
         * @return this builder
         */
        public Builder<T> trimCapacity(int capacity) {
            spec.trimCapacity(capacity);
            return this;
        }

        /**
         * Sets how many buffers one platform thread caches.
         *
         * @param size the most buffers one platform thread caches, in [0, 64]; 0 turns caching off
         * @return this builder
         */
        public Builder<T> threadCacheSize(int size) {
            spec.threadCacheSize(size);
            return this;
        }

        /**
         * Sets the capacity of preallocated buffers, and the least one allocated on a miss.
         *
         * @param capacity the capacity of preallocated buffers and the smallest allocated on a
         *        miss, in [1, 2147483639]
         * @return this builder
         */
        public Builder<T> bufferCapacity(int capacity) {
            spec.bufferCapacity(capacity);
            return this;
        }

        /**
         * Sets how many buffers are created with the pool.
         *
         * @param count buffers of {@code bufferCapacity} to create at once, in [0, maxIdleBuffers]
         * @return this builder
         */
        public Builder<T> preallocate(int count) {
            spec.preallocate(count);
            return this;
        }

        /**
         * Builds the pool from the settings given.
         *
         * @return a new open pool
         * @throws IllegalArgumentException naming the first setting out of range, its value and
         *         what is allowed
         */
        public ShardedBufferPool<T> build() {
            return create(spec.build());
        }
    }
}
