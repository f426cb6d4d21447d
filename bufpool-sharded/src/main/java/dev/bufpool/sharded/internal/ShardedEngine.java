package dev.bufpool.sharded.internal;

import dev.bufpool.BufferType;
import dev.bufpool.LeakDetection;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolStats;
import dev.bufpool.core.CloseFlag;
import dev.bufpool.core.LeakWatch;
import dev.bufpool.core.MpmcRing;
import dev.bufpool.core.Recycler;
import dev.bufpool.core.ThreadCaches;
import dev.bufpool.core.Threads;
import dev.bufpool.idle.HotRings;
import dev.bufpool.idle.IdleBudget;
import dev.bufpool.idle.IdleReserve;
import dev.bufpool.idle.IdleTrimming;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sharded pool's machinery.
 *
 * <p><b>Acquire:</b> the calling platform thread's cache, then its home shard (chosen from the
 * thread's id), then the other shards in turn (stealing), then a fresh allocation. A buffer too
 * small for the request is dropped and a larger one allocated, so kept buffers grow to the sizes
 * in use. <b>Release:</b> reset, then the releasing thread's cache, then its home shard, else the
 * next shard that has room, else drop; a buffer above {@code trimCapacity} is never kept. A buffer released on another
 * thread than it was acquired on lands in the releaser's cache or home shard, where the acquirer's
 * steal finds it: nothing piles up in one thread's cache, which is small and bounded.
 *
 * <p><b>Concurrency:</b> no locks. A cache is touched only by its own thread; shards are non-blocking
 * {@link MpmcRing}s, whose release/acquire pairs carry the last holder's writes to the next holder.
 * Counters of the slow paths (allocations, drops, trims) are {@link LongAdder}s; the hot path
 * (cache hit) touches no shared memory but the {@code closed} flag, which it only reads, plainly
 * ({@link CloseFlag} says why that keeps the close contract).
 *
 * <p><b>Close:</b> sets {@code closed}, then empties the shards. A release racing with close
 * re-checks {@code closed} after its offer and empties the shards again, so no buffer stays in a
 * closed pool's shards.
 *
 * <p><b>Idle trimming</b> (when the spec sets {@code idleTimeout}, {@code maxIdleBytes} or a
 * {@code clock}): caches and shards are the hot tier, bounded as {@link IdleBudget} says, and an
 * {@link IdleReserve} holds the rest. A release that finds every shard full goes to the reserve;
 * an acquire that finds every shard empty takes from it. Every tick of {@link IdleTrimming}, each
 * shard's buffers that were already there at the previous tick move to the reserve, where
 * Caffeine expires and evicts them. So a buffer reused at once never reaches Caffeine.
 *
 * @param <T> the buffer class
 */
public final class ShardedEngine<T> implements Recycler<T>, HotRings<T> {

    /** What the sharded pool can do. */
    public static final Set<PoolFeature> FEATURES = Collections.unmodifiableSet(
            EnumSet.of(PoolFeature.THREAD_CACHE, PoolFeature.SHARDED, PoolFeature.SHARING, PoolFeature.IDLE_TRIM,
                    PoolFeature.LEAK_DETECTION));

    /** The largest capacity anyone can ask for: the JVM's array limit. */
    public static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private static final Logger LOG = LoggerFactory.getLogger(ShardedEngine.class);

    private final String name;
    private final BufferType<T> type;
    private final ShardedSettings settings;
    private final MpmcRing<T>[] shards;
    private final int mask;
    private final ThreadCaches<T> caches;
    private final int trimCapacity;
    private final LongAdder allocations = new LongAdder();
    private final LongAdder drops = new LongAdder();
    private final LongAdder trims = new LongAdder();
    private final CloseFlag closed = new CloseFlag();
    /** Idle trimming, and its reserve; both {@code null} when trimming is off. */
    private final IdleTrimming<T> trimming;
    private final IdleReserve<T> reserve;
    /** Leak detection; {@code null} when off. A leaked buffer is the holder's: nothing to take back. */
    private final LeakWatch leakWatch;

    /**
     * A pool without idle trimming.
     *
     * @param name the pool's name
     * @param type the buffer type
     * @param settings the settings, defaults filled in
     */
    public ShardedEngine(String name, BufferType<T> type, ShardedSettings settings) {
        this(name, type, settings, null, LeakDetection.OFF);
    }

    /**
     * @param name the pool's name
     * @param type the buffer type
     * @param settings the settings, defaults filled in, the hot tier's share of the idle bound applied
     * @param budget the idle budget, {@code null} or not {@code trimming()} for no idle trimming
     * @param leakDetection how closely to watch for leases never closed
     */
    @SuppressWarnings("unchecked") // a generic array: made as MpmcRing<?>[], only ever holding MpmcRing<T>
    public ShardedEngine(String name, BufferType<T> type, ShardedSettings settings, IdleBudget budget,
            LeakDetection leakDetection) {
        this.name = name;
        this.type = type;
        this.settings = settings;
        this.shards = (MpmcRing<T>[]) new MpmcRing<?>[settings.shards()];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new MpmcRing<>(settings.shardCapacity(i));
        }
        this.mask = shards.length - 1;
        this.trimCapacity = settings.trimCapacity();
        this.caches = new ThreadCaches<>(settings.threadCacheSize(), settings.cacheBudget(), this::keepOrDrop);
        this.trimming = budget != null && budget.trimming()
                ? new IdleTrimming<>(name, type, budget, reserveClass(trimCapacity) + 1, this, trims)
                : null;
        this.reserve = trimming == null ? null : trimming.reserve();
        this.leakWatch = LeakWatch.of(name, leakDetection, payload -> { });
    }

    /** {@return the leak watch, {@code null} when leak detection is off} */
    public LeakWatch leakWatch() {
        return leakWatch;
    }

    /** The reserve's class of a capacity: its power of two, rounded down. */
    private static int reserveClass(int capacity) {
        return 31 - Integer.numberOfLeadingZeros(Math.max(1, capacity));
    }

    @Override
    public BufferType<T> type() {
        return type;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean sharing() {
        return true;
    }

    /** {@return the settings in force} */
    public ShardedSettings settings() {
        return settings;
    }

    /**
     * The calling thread's cache, for {@link #take} and for the lease to hand back on close.
     *
     * @param thread the calling thread
     * @return its cache (of capacity 0 for virtual threads)
     */
    public Object[] cacheOf(Thread thread) {
        return caches.current(thread);
    }

    /**
     * Takes a buffer of at least {@code minCapacity} for a new lease, prepared for its holder: from
     * the calling thread's cache, else the shards, else a new one. The lease itself is made by the
     * caller, in a method small enough to inline, so that escape analysis can remove it.
     *
     * @param cache the calling thread's cache, from {@link #cacheOf}
     * @param minCapacity the capacity wanted
     * @return the buffer
     * @throws IllegalArgumentException if {@code minCapacity} is negative or too large
     * @throws IllegalStateException if the pool is closed
     */
    public T take(Object[] cache, int minCapacity) {
        // A hit returns here, on its own path, and recycle resets before it tests: merged with the
        // miss path before prepare, the compiled acquire-release loop loaded the cache's counter
        // array, count and slot again at release instead of reusing what this pop read. The two
        // together took a direct ByteBuffer op from 10.4 to 9.0 ns (medians of six interleaved
        // forks, the floor at 4.6). A bad request or a closed pool never touches the cache, so an
        // exception thrown for them leaves no buffer taken out of it.
        T newest = null;
        if (Integer.compareUnsigned(minCapacity, MAX_CAPACITY) <= 0 && !closed.seenPlain()) {
            newest = ThreadCaches.pop(cache);
            if (newest != null && type.capacity(newest) >= minCapacity) {
                return type.prepare(newest, minCapacity);
            }
        }
        return takeOther(newest, minCapacity);
    }

    /**
     * Every take but a cache hit, out of line: a bad request or a closed pool throws; else the
     * cached buffer that was too small, or one from the shards or the reserve, or a new one.
     */
    private T takeOther(T tooSmall, int minCapacity) {
        checkCapacity(minCapacity);
        if (closed.isClosed()) {
            throw closedException(); // the plain read on the hot path may have been stale
        }
        T buffer = tooSmall;
        if (buffer == null) {
            buffer = fromShards();
        }
        if (buffer == null && reserve != null) {
            buffer = fromReserve(minCapacity);
        }
        if (buffer == null || type.capacity(buffer) < minCapacity) {
            buffer = allocate(buffer, minCapacity);
        }
        return type.prepare(buffer, minCapacity);
    }

    private T fromShards() {
        int home = Threads.homeIndex(Thread.currentThread(), mask);
        for (int i = 0; i <= mask; i++) {
            T buffer = shards[(home + i) & mask].poll();
            if (buffer != null) {
                return buffer;
            }
        }
        caches.reclaimEnded();
        return null;
    }

    /** The smallest class that may hold a fit first (checked), then any larger one. */
    private T fromReserve(int minCapacity) {
        int first = reserveClass(minCapacity);
        int last = reserveClass(trimCapacity);
        T buffer = first <= last ? reserve.take(first, minCapacity) : null;
        for (int cls = first + 1; buffer == null && cls <= last; cls++) {
            buffer = reserve.take(cls);
        }
        return buffer;
    }

    private T allocate(T tooSmall, int minCapacity) {
        if (tooSmall != null) {
            drops.increment();
        }
        allocations.increment();
        return type.allocate(settings.allocationCapacity(minCapacity));
    }

    @Override
    public void recycle(T buffer) {
        recycle(buffer, null);
    }

    @Override
    public void recycle(T buffer, Object[] acquirerCache) {
        try {
            type.reset(buffer);
        } catch (RuntimeException e) {
            drops.increment();
            LOG.warn("pool {}: dropping a buffer whose reset failed", name, e);
            return;
        }
        if (type.capacity(buffer) > trimCapacity || closed.seenPlain()
                || !ThreadCaches.push(acquirerCache != null ? acquirerCache : caches.current(), buffer)) {
            recycleOther(buffer);
        }
    }

    /** A reset buffer the cache did not take: dropped if too large or the pool closed, else shared. */
    private void recycleOther(T buffer) {
        if (closed.seenPlain()) {
            return;
        }
        if (type.capacity(buffer) > trimCapacity) {
            drops.increment();
            return;
        }
        keepOrDrop(buffer);
    }

    /**
     * Offers a reset buffer to the calling thread's home shard, spilling to the other shards in turn
     * when it is full; drops it only when every shard is full. Spilling matters for the common
     * pattern of one thread releasing what others acquire: its home shard alone would hold only a
     * shard's share of the bound.
     */
    private void keepOrDrop(T buffer) {
        int home = Threads.homeIndex(Thread.currentThread(), mask);
        for (int i = 0; i <= mask; i++) {
            if (shards[(home + i) & mask].offer(buffer)) {
                if (closed.isClosed()) {
                    emptyShards();
                }
                return;
            }
        }
        if (reserve == null || !reserve.offer(reserveClass(type.capacity(buffer)), buffer)) {
            drops.increment();
        }
    }

    @Override
    public int ringCount() {
        return shards.length;
    }

    @Override
    public long offers(int ring) {
        return shards[ring].offers();
    }

    @Override
    public T pollOfferedBefore(int ring, long mark) {
        return shards[ring].pollOfferedBefore(mark);
    }

    @Override
    public int reserveClass(int ring, T buffer) {
        return reserveClass(type.capacity(buffer));
    }

    @Override
    public void sweepEndedThreads() {
        caches.sweep();
    }

    /**
     * Creates up to {@code count} buffers of {@code capacity} and spreads them over the shards.
     *
     * @param count how many
     * @param capacity their capacity
     * @return how many were kept (fewer when the shards filled up)
     */
    public int preallocate(int count, int capacity) {
        if (closed.isClosed()) {
            throw closedException();
        }
        int kept = 0;
        for (int i = 0; i < count && (kept < settings.shardBudget() || reserve != null); i++) {
            T buffer = type.allocate(capacity); // made in advance, not a miss: not an allocation
            boolean placed = false;
            for (int s = 0; s <= mask && !placed; s++) {
                placed = shards[(i + s) & mask].offer(buffer);
            }
            if (!placed && (reserve == null || capacity > trimCapacity
                    || !reserve.offer(reserveClass(capacity), buffer))) {
                break; // nowhere left to keep it
            }
            kept++;
        }
        return kept;
    }

    /** Drops the idle buffers of the shards and of the calling thread's cache. */
    public void trim() {
        caches.sweep();
        int dropped = caches.clearCurrent(b -> { }) + emptyShards() + (reserve == null ? 0 : reserve.clear());
        trims.add(dropped);
        LOG.debug("pool {}: trimmed {} idle buffers", name, dropped);
    }

    private int emptyShards() {
        int dropped = 0;
        for (MpmcRing<T> shard : shards) {
            dropped += shard.drain();
        }
        return dropped;
    }

    /** Closes the pool: nothing more is handed out, idle buffers are dropped, caches forgotten. */
    public void close() {
        if (!closed.close()) {
            return;
        }
        if (trimming != null) {
            trimming.close();
        }
        caches.clearCurrent(b -> { });
        caches.forgetAll();
        emptyShards();
        if (leakWatch != null) {
            leakWatch.close();
        }
        LOG.debug("pool {} closed", name);
    }

    /**
     * @return the figures this pool tracks: allocations, drops, trims and the idle ones (with a
     *         clock given, after the idle trimming due by its time)
     */
    public PoolStats stats() {
        if (trimming != null) {
            trimming.beforeStats();
        }
        if (leakWatch != null) {
            leakWatch.drain();
        }
        long[] idle = new long[2];
        java.util.function.Consumer<T> count = b -> {
            idle[0]++;
            idle[1] += type.sizeInBytes(b);
        };
        for (MpmcRing<T> shard : shards) {
            shard.forEachPresent(count);
        }
        caches.forEachCached(count);
        if (reserve != null) {
            idle[0] += reserve.idleBuffers();
            idle[1] += reserve.idleBytes();
        }
        return PoolStats.builder()
                .allocations(allocations.sum())
                .drops(drops.sum())
                .trims(trims.sum())
                .idleBuffers(idle[0])
                .idleBytes(idle[1])
                .leaks(leakWatch == null ? PoolStats.UNTRACKED : leakWatch.leaks())
                .build();
    }

    private static void checkCapacity(int minCapacity) {
        if (Integer.compareUnsigned(minCapacity, MAX_CAPACITY) > 0) { // negative or too large
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "minCapacity must be in [0, %d]: minCapacity=%d", MAX_CAPACITY, minCapacity));
        }
    }

    /** {@return the idle trimming, {@code null} when it is off; for tests} */
    IdleTrimming<T> trimming() {
        return trimming;
    }

    private IllegalStateException closedException() {
        return new IllegalStateException("pool " + name + " is closed");
    }

    @Override
    public String toString() {
        String idle = trimming == null ? "" : ", " + trimming;
        return String.format(Locale.ROOT, "ShardedBufferPool[%s, %s, shards=%d, maxIdleBuffers=%d, trimCapacity=%d, threadCacheSize=%d%s]",
                name, type.name(), shards.length, settings.maxIdleBuffers(), trimCapacity, settings.threadCacheSize(), idle);
    }
}
