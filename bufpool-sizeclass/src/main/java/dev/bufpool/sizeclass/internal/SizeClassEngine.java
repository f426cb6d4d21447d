package dev.bufpool.sizeclass.internal;

import dev.bufpool.BufferType;
import dev.bufpool.LeakDetection;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolStats;
import dev.bufpool.core.CloseFlag;
import dev.bufpool.core.LeakWatch;
import dev.bufpool.core.Recycler;
import dev.bufpool.core.ThreadCaches;
import dev.bufpool.idle.HotRings;
import dev.bufpool.idle.IdleBudget;
import dev.bufpool.idle.IdleReserve;
import dev.bufpool.idle.IdleTrimming;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The size-class pool's machinery.
 *
 * <p><b>Acquire:</b> the request picks its class (the smallest that fits); then the calling
 * platform thread's cache is searched for a buffer of that class, then the class's free list is
 * polled, and only then is a buffer of the class allocated. A request above the largest class gets
 * a buffer of exactly its size, allocated and never kept. <b>Release</b> (the lease's close, or the
 * last close of a shared buffer): wipe if {@code zeroOnRelease}, then, if the buffer is of a class
 * and the pool open, reset it and put it in the releasing thread's cache, else in its class's free
 * list, else drop it.
 *
 * <p><b>Invariant (zeroing):</b> with {@code zeroOnRelease}, a buffer is wiped on the one path by
 * which every buffer comes back, {@link #recycle}, before anything decides whether to keep it. So
 * every buffer in any free list or thread cache is already wiped, and the other ways into a free
 * list (the caches of ended threads, the caller's cache emptied by {@code trim()}) move only wiped
 * buffers. Buffers the pool drops are wiped too: no data outlives its holder in memory the pool had.
 *
 * <p><b>Concurrency:</b> no locks. A cache is touched only by its own thread; free lists are
 * lock-free rings whose release/acquire pairs carry the releasing thread's writes (the holder's,
 * the reset, the wipe) to the next holder. Counters of the slow paths (allocations, drops, trims)
 * are {@link LongAdder}s; the hot path (a cache hit) touches no shared memory but the
 * {@code closed} flag, which it only reads, plainly ({@link CloseFlag} says why that keeps the
 * close contract).
 *
 * <p><b>One cache per thread, for all classes:</b> a platform thread has one cache of
 * {@code threadCacheSize} buffers of any classes, as the spec's setting says, rather than one per
 * class (which would multiply the memory a thread may hold by the number of classes). So each
 * operation makes exactly one cache lookup; an acquisition tries the newest cached
 * buffer first and searches the older ones only when it is of another class.
 *
 * <p><b>Close:</b> sets {@code closed}, then empties the caller's cache and the free lists and
 * forgets the caches. A release racing with close re-checks {@code closed} after its offer and
 * empties the lists again, so no buffer stays in a closed pool's lists.
 *
 * <p><b>Idle trimming</b> (when the spec sets {@code idleTimeout}, {@code maxIdleBytes} or a
 * {@code clock}): caches and free lists are the hot tier, bounded as {@link IdleBudget} says, and
 * an {@link IdleReserve}, one reserve class per size class, holds the rest: a release that finds
 * its class's list full goes there, a miss of the list takes from there, and each tick of
 * {@link IdleTrimming} moves what sat in a list for a tick there. Every buffer in it is wiped
 * already (it came from a list), so the zeroing invariant holds for it too.
 *
 * @param <T> the buffer class
 */
public final class SizeClassEngine<T> implements Recycler<T>, HotRings<T> {

    /** What the size-class pool can do. */
    public static final Set<PoolFeature> FEATURES = Collections.unmodifiableSet(EnumSet.of(
            PoolFeature.THREAD_CACHE, PoolFeature.SIZE_CLASSES, PoolFeature.ZEROING, PoolFeature.SHARING,
            PoolFeature.IDLE_TRIM, PoolFeature.LEAK_DETECTION));

    /** The largest capacity anyone can ask for: the JVM's array limit. */
    public static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private static final Logger LOG = LoggerFactory.getLogger(SizeClassEngine.class);

    private final String name;
    private final BufferType<T> type;
    private final SizeClassSettings settings;
    private final ClassTable classes;
    /** The largest class size: requests above it get exact-size buffers. */
    private final int largest;
    /** The class sizes OR-ed together ({@link ClassTable#bits()}), for the hot paths. */
    private final int classBits;
    /**
     * {@link #classBits}, or 0 with {@code zeroOnRelease}: a buffer whose capacity is not among
     * these bits leaves {@link #recycle}'s hot case, so zeroing costs the hot case no extra test.
     */
    private final int keepInlineBits;
    private final FreeLists<T> lists;
    private final ThreadCaches<T> caches;
    private final boolean zeroOnRelease;
    /** Puts a buffer taken from a cache back in its class's list; made once, not per call. */
    private final Consumer<T> backToList = this::keepOrDrop;
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
     * Makes a pool without idle trimming and creates its preallocated buffers.
     *
     * @param name the pool's name
     * @param type the buffer type
     * @param settings the settings
     */
    public SizeClassEngine(String name, BufferType<T> type, SizeClassSettings settings) {
        this(name, type, settings, null, LeakDetection.OFF);
    }

    /**
     * Makes the pool and creates its preallocated buffers.
     *
     * @param name the pool's name
     * @param type the buffer type
     * @param settings the settings, the hot tier's bound applied when trimming
     * @param budget the idle budget, {@code null} or not {@code trimming()} for no idle trimming
     * @param leakDetection how closely to watch for leases never closed
     */
    public SizeClassEngine(String name, BufferType<T> type, SizeClassSettings settings, IdleBudget budget,
            LeakDetection leakDetection) {
        this.name = name;
        this.type = type;
        this.settings = settings;
        this.classes = settings.classes();
        this.largest = classes.largest();
        this.classBits = classes.bits();
        this.keepInlineBits = settings.zeroOnRelease() ? 0 : classBits;
        this.zeroOnRelease = settings.zeroOnRelease();
        this.lists = new FreeLists<>(settings);
        this.caches = new ThreadCaches<>(settings.threadCacheSize(), settings.cacheBudget(), backToList);
        this.trimming = budget != null && budget.trimming() && classes.count() > 0
                ? new IdleTrimming<>(name, type, budget, classes.count(), this, trims)
                : null;
        this.reserve = trimming == null ? null : trimming.reserve();
        this.leakWatch = LeakWatch.of(name, leakDetection, payload -> { });
        for (int k = 0; k < classes.count(); k++) {
            for (int i = 0; i < settings.preallocate(k); i++) {
                T buffer = type.allocate(classes.size(k));
                if (!lists.offer(k, buffer) && (reserve == null || !reserve.offer(k, buffer))) {
                    throw new IllegalStateException("pool " + name + ": no room for preallocated buffers: " + settings);
                }
            }
        }
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
    public SizeClassSettings settings() {
        return settings;
    }

    /**
     * Takes a buffer for a holder; the caller wraps it in a lease of this pool. The lease object is
     * only removed by escape analysis where the method that makes it is inlined into the holder's
     * code, and the JIT refuses to inline a method already compiled to more than
     * {@code InlineSmallCode} (2500 bytes on x86-64) of machine code; the method that makes the
     * lease, with this one inlined, is compiled on its own when it grows hot before its callers.
     * So this method stays lean: one sign test guards the hot case, the class is found
     * without a branch or a memory read, only the cache's newest buffer is tried inline, and every
     * other case leaves through one call to {@link #acquireOther}.
     *
     * @param cache the calling thread's cache, from {@link #cacheOf}
     * @param minCapacity the capacity wanted
     * @return a buffer of the smallest class that fits, or of exactly that capacity above the
     *         largest class, prepared for the holder
     */
    public T acquireBuffer(Object[] cache, int minCapacity) {
        T newest = null;
        // A request above the largest class has no class size (sizeFor gives 0) and so never
        // matches a cached buffer; only negative requests, which would, and a closed pool must
        // skip the cache.
        if (minCapacity >= 0 && !closed.seenPlain()) {
            newest = ThreadCaches.pop(cache);
            if (newest != null && type.capacity(newest) == ClassTable.sizeFor(classBits, minCapacity)) {
                return type.prepare(newest, minCapacity);
            }
        }
        return acquireOther(cache, newest, minCapacity);
    }

    /**
     * Every acquisition but a hit on the cache's newest buffer: puts that buffer back if it was of
     * another class, then searches the older cached buffers, the class's free list, and allocates.
     */
    private T acquireOther(Object[] cache, T newest, int minCapacity) {
        if (newest != null) {
            ThreadCaches.push(cache, newest); // back where it was: it was just taken, so it fits
        }
        if (Integer.compareUnsigned(minCapacity, largest) > 0 || closed.isClosed()) {
            return beyondClasses(minCapacity);
        }
        int size = ClassTable.sizeFor(classBits, minCapacity);
        T buffer = ThreadCaches.popFitting(cache, type, size, size);
        return type.prepare(buffer != null ? buffer : miss(size), minCapacity);
    }

    /** A request that is bad, to a closed pool, or above the largest class (exact size, never kept). */
    private T beyondClasses(int minCapacity) {
        checkCapacity(minCapacity);
        if (closed.isClosed()) {
            throw closedException();
        }
        return type.prepare(allocate(minCapacity), minCapacity);
    }

    private IllegalStateException closedException() {
        return new IllegalStateException("pool " + name + " is closed");
    }

    private T allocate(int capacity) {
        allocations.increment();
        return type.allocate(capacity);
    }

    /**
     * The cache had no buffer of the class: its free list, else a new buffer. Size 0 is no class:
     * a request of 0 to a pool that {@code trimCapacity} left without classes.
     */
    private T miss(int size) {
        int k = classes.indexOf(size);
        if (k == ClassTable.NONE) {
            return allocate(size);
        }
        T buffer = lists.poll(k);
        if (buffer == null && caches.reclaimEnded() > 0) {
            buffer = lists.poll(k);
        }
        if (buffer == null && reserve != null) {
            buffer = reserve.take(k);
        }
        return buffer != null ? buffer : allocate(size);
    }

    /**
     * @param minCapacity a request
     * @return the capacity of the buffer the request gets: its class's size, or itself above the
     *         largest class
     */
    public int capacityFor(int minCapacity) {
        checkCapacity(minCapacity);
        int k = classes.indexFor(minCapacity);
        return k == ClassTable.NONE ? minCapacity : classes.size(k);
    }

    /**
     * The calling thread's cache, for {@link #acquireBuffer} and for the lease to hand back on close,
     * so that acquire and close on one thread make one cache lookup between them.
     *
     * @param thread the calling thread
     * @return its cache (of capacity 0 for virtual threads)
     */
    public Object[] cacheOf(Thread thread) {
        return caches.current(thread);
    }

    @Override
    public void recycle(T buffer) {
        recycle(buffer, null);
    }

    /**
     * Takes a buffer back. The hot case (an open pool, a buffer of a class, room in the cache, no
     * zeroing) is one test of {@link #keepInlineBits} and a push; everything else, wiping included,
     * goes to {@link #recycleOther}, so that this method stays small enough to inline.
     */
    @Override
    public void recycle(T buffer, Object[] acquirerCache) {
        try {
            type.reset(buffer);
        } catch (RuntimeException e) {
            dropFailed(e);
            return;
        }
        if (!ClassTable.isClass(keepInlineBits, type.capacity(buffer)) || closed.seenPlain()
                || !ThreadCaches.push(acquirerCache != null ? acquirerCache : caches.current(), buffer)) {
            recycleOther(buffer, acquirerCache);
        }
    }

    /**
     * A reset buffer that the hot case did not keep: wipes it if {@code zeroOnRelease} (only once
     * reset has restored a byte buffer's limit, so all its capacity is wiped), then caches it, puts
     * it in its class's free list, or drops it.
     */
    private void recycleOther(T buffer, Object[] acquirerCache) {
        if (zeroOnRelease) {
            try {
                type.zero(buffer);
            } catch (RuntimeException e) {
                dropFailed(e);
                return;
            }
        }
        if (!ClassTable.isClass(classBits, type.capacity(buffer)) || closed.isClosed()) {
            drops.increment();
        } else if (!zeroOnRelease
                || !ThreadCaches.push(acquirerCache != null ? acquirerCache : caches.current(), buffer)) {
            // Without zeroing, a buffer of a class in an open pool gets here only because recycle's
            // push found the cache full: it goes to its free list without a second try.
            keepOrDrop(buffer);
        }
    }

    /** Drops, counted and logged, a buffer whose type failed to reset or wipe it. */
    private void dropFailed(RuntimeException e) {
        drops.increment();
        LOG.warn("pool {}: dropping a buffer whose reset or wipe failed", name, e);
    }

    /** Puts a buffer of a class (taken from a cache) in its class's free list. */
    private void keepOrDrop(T buffer) {
        keepOrDrop(classes.indexOf(type.capacity(buffer)), buffer);
    }

    private void keepOrDrop(int k, T buffer) {
        if (lists.offer(k, buffer)) {
            if (closed.isClosed()) {
                lists.clear();
            }
        } else if (reserve == null || !reserve.offer(k, buffer)) {
            drops.increment();
        }
    }

    @Override
    public int ringCount() {
        return classes.count();
    }

    @Override
    public long offers(int ring) {
        return lists.offers(ring);
    }

    @Override
    public T pollOfferedBefore(int ring, long mark) {
        return lists.pollOfferedBefore(ring, mark);
    }

    @Override
    public int reserveClass(int ring, T buffer) {
        return ring;
    }

    @Override
    public void sweepEndedThreads() {
        caches.sweep();
    }

    /**
     * Takes back the caches of ended threads and the caller's cache, then drops the idle buffers of
     * each free list above its class's preallocated count, and every buffer of the idle reserve.
     */
    public void trim() {
        caches.sweep();
        caches.clearCurrent(backToList);
        int dropped = 0;
        for (int k = 0; k < classes.count(); k++) {
            dropped += lists.dropAbove(k, settings.preallocate(k));
        }
        if (reserve != null) {
            dropped += reserve.clear();
        }
        trims.add(dropped);
        LOG.debug("pool {}: trimmed {} idle buffers", name, dropped);
    }

    /** Closes the pool: nothing more is handed out, idle buffers are dropped, caches forgotten. */
    public void close() {
        if (!closed.close()) {
            return;
        }
        if (trimming != null) {
            trimming.close();
        }
        caches.sweep();
        caches.clearCurrent(b -> { });
        caches.forgetAll();
        lists.clear();
        if (leakWatch != null) {
            leakWatch.close();
        }
        LOG.debug("pool {} closed", name);
    }

    /**
     * @param classSize a class size
     * @return the buffers of that class in its free list now, thread caches not counted
     * @throws IllegalArgumentException if {@code classSize} is not a class of this pool
     */
    public int freeBuffers(int classSize) {
        return lists.size(settings.classIndex(classSize));
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
        Consumer<T> count = b -> {
            idle[0]++;
            idle[1] += type.sizeInBytes(b);
        };
        lists.forEach(count);
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

    /** {@return the leak watch, {@code null} when leak detection is off} */
    public LeakWatch leakWatch() {
        return leakWatch;
    }

    /** {@return the idle trimming, {@code null} when it is off; for tests} */
    public IdleTrimming<T> trimming() {
        return trimming;
    }

    private static void checkCapacity(int minCapacity) {
        if (minCapacity < 0 || minCapacity > MAX_CAPACITY) {
            throw SizeClassSettings.fail("minCapacity", minCapacity, "be in [0, " + MAX_CAPACITY + "]");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SizeClassBufferPool[%s, %s, %s%s%s]", name, type.name(), settings,
                trimming == null ? "" : ", " + trimming, closed.isClosed() ? ", closed" : "");
    }
}
