package dev.bufpool.sharded.internal;

import dev.bufpool.PoolSpec;
import dev.bufpool.core.PowersOfTwo;

/**
 * A spec's settings with the sharded pool's defaults filled in, and how the idle bound is split
 * between the per-thread caches and the shards.
 *
 * @param shards the number of shards, a power of two
 * @param maxIdleBuffers the most idle buffers kept, caches and shards together
 * @param trimCapacity returned buffers above this capacity are dropped
 * @param threadCacheSize the most buffers one platform thread caches
 * @param cacheBudget the most buffers all thread caches hold together
 * @param minAllocation the smallest capacity allocated on a miss, and the capacity preallocated
 * @param preallocate how many buffers to create at construction
 */
public record ShardedSettings(int shards, int maxIdleBuffers, int trimCapacity, int threadCacheSize,
        int cacheBudget, int minAllocation, int preallocate) {

    /** The default bound on idle buffers. */
    public static final int DEFAULT_MAX_IDLE_BUFFERS = 256;
    /** The default capacity above which returned buffers are dropped: 1 Mi elements. */
    public static final int DEFAULT_TRIM_CAPACITY = 1 << 20;
    /** The default per-thread cache size. */
    public static final int DEFAULT_THREAD_CACHE_SIZE = 4;
    /** Default shard counts are clamped to this range. */
    public static final int MIN_DEFAULT_SHARDS = 4;
    /** Default shard counts are clamped to this range. */
    public static final int MAX_DEFAULT_SHARDS = 64;
    /** Thread caches may take a share of the idle bound: this many caches per shard at most. */
    private static final int CACHES_PER_SHARD = 4;

    /**
     * @param spec the spec, already checked to be one the sharded pool honours
     * @return the settings with defaults filled in
     */
    public static ShardedSettings of(PoolSpec<?> spec) {
        int shards = spec.shards().orElseGet(ShardedSettings::defaultShards);
        int maxIdle = spec.maxIdleBuffers().orElse(DEFAULT_MAX_IDLE_BUFFERS);
        int trim = spec.trimCapacity().orElse(DEFAULT_TRIM_CAPACITY);
        int cacheSize = spec.threadCacheSize().orElse(DEFAULT_THREAD_CACHE_SIZE);
        int preallocate = spec.preallocate().orElse(0);
        return of(shards, maxIdle, trim, cacheSize, preallocate, spec.bufferCapacity().orElse(1));
    }

    /**
     * The same settings with the idle bound lowered to {@code hotBuffers}, the hot tier's share
     * under idle trimming; preallocated buffers beyond it go to the idle reserve.
     *
     * @param hotBuffers the new bound, {@code <= maxIdleBuffers}
     * @return the settings for the hot tier
     */
    public ShardedSettings withMaxIdleBuffers(int hotBuffers) {
        return of(shards, hotBuffers, trimCapacity, threadCacheSize, preallocate, minAllocation);
    }

    private static ShardedSettings of(int shards, int maxIdle, int trim, int cacheSize, int preallocate,
            int minAllocation) {
        // Up to half of the idle bound may sit in thread caches, enough for a few threads a shard,
        // but never so much that the preallocated buffers would not fit in the shards; the rest is
        // spread over the shards. Caches and shards together never exceed maxIdle.
        long cacheShare = Math.min(maxIdle / 2, (long) cacheSize * CACHES_PER_SHARD * shards);
        int cacheBudget = (int) Math.max(0, Math.min(cacheShare, maxIdle - preallocate));
        return new ShardedSettings(shards, maxIdle, trim, cacheSize, cacheBudget, minAllocation, preallocate);
    }

    /** The next power of two at or above the processor count, clamped to [4, 64]. */
    static int defaultShards() {
        int processors = Runtime.getRuntime().availableProcessors();
        return Math.max(MIN_DEFAULT_SHARDS, Math.min(MAX_DEFAULT_SHARDS, PowersOfTwo.atLeast(processors)));
    }

    /** {@return the idle buffers the shards hold together: the bound less the caches' budget} */
    public int shardBudget() {
        return maxIdleBuffers - cacheBudget;
    }

    /**
     * @param shard a shard index
     * @return the capacity of that shard: the shard budget spread evenly, the remainder to the first
     */
    public int shardCapacity(int shard) {
        int budget = shardBudget();
        return budget / shards + (shard < budget % shards ? 1 : 0);
    }

    /**
     * The capacity to allocate for a request of {@code minCapacity}: rounded up to a power of two
     * (so buffers serve the next, slightly larger request too), at least {@code minAllocation}, but
     * never rounded above {@code trimCapacity}, or the buffer could not be kept.
     *
     * @param minCapacity the capacity asked for
     * @return the capacity to allocate, {@code >= minCapacity}
     */
    public int allocationCapacity(int minCapacity) {
        int wanted = Math.max(minCapacity, minAllocation);
        if (wanted > 1 << 30) {
            return wanted;
        }
        int rounded = PowersOfTwo.atLeast(wanted);
        return rounded > trimCapacity ? Math.max(wanted, trimCapacity) : rounded;
    }
}
