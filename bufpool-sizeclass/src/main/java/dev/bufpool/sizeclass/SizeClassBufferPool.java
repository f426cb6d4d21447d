package dev.bufpool.sizeclass;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferType;
import dev.bufpool.Lease;
import dev.bufpool.PoolSpec;
import dev.bufpool.PoolStats;
import dev.bufpool.core.LeakWatch;
import dev.bufpool.core.PooledLease;
import dev.bufpool.core.Threads;
import dev.bufpool.idle.IdleBudget;
import dev.bufpool.sizeclass.internal.SizeClassEngine;
import dev.bufpool.sizeclass.internal.SizeClassSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A buffer pool that serves any request from a few fixed size classes, never blocks, and can wipe
 * every buffer given back.
 *
 * <p><b>Sizes</b> are counted in elements of the buffer type: bytes for {@code byte[]} and
 * {@link java.nio.ByteBuffer}, floats for {@code float[]}. The classes are powers of two, by default
 * 4 Ki, 64 Ki, 256 Ki and 1 Mi elements. A request gets a buffer of the smallest class that holds
 * it: 0, 1 and 4096 get 4096, 4097 gets 65536. A request above the largest class gets a buffer of
 * exactly its size, allocated for it and dropped when given back, never kept; it shows in
 * {@link #stats()} as one allocation and one drop.
 *
 * <p><b>Acquire</b> looks in the calling platform thread's cache, then in the class's shared free
 * list, and allocates only when both are empty: it never blocks and never fails for want of
 * buffers. <b>Release</b> (closing the lease) puts the buffer in the releasing thread's cache, else
 * in its class's free list, else drops it. Virtual threads have no cache and use the free lists.
 *
 * <p><b>Retention:</b> per class, {@code preallocate(class, n)} buffers are created with the pool
 * and kept by {@link #trim()}; its free list keeps at most {@code maxIdle(class)} idle buffers. A
 * platform thread caches up to {@code threadCacheSize} buffers of any classes. When
 * {@code maxIdleBuffers} is set, the idle buffers of the whole pool, caches included, never exceed
 * it. Caches of threads that have ended go back to the free lists (on {@link #trim()}, and on a
 * miss once the garbage collector has seen the thread go).
 *
 * <p><b>Zeroing:</b> with {@code zeroOnRelease(true)} every buffer is wiped with
 * {@link BufferType#zero} when its holder gives it back, by closing a lease or the last handle of a
 * shared buffer, before the pool keeps or drops it. So every buffer in any free list or cache is
 * already wiped, and a holder never sees a byte an earlier holder wrote, whichever path the buffer
 * took back (a thread cache, an ended thread's cache, a free list, a trim).
 *
 * <p><b>Sharing:</b> {@link Lease#share()} is offered; the buffer comes back, wiped if asked, when
 * the last holder of the shared buffer closes.
 *
 * <p><b>Idle trimming</b> (with {@code idleTimeout}, {@code maxIdleBytes} or {@code clock}, set in
 * a {@link PoolSpec} given to {@link #create(PoolSpec)}):
 * caches and free lists keep at most half of {@code maxIdleBytes}, counted as buffers of the
 * largest class; an idle reserve (a Caffeine cache weighing bytes, expiring by idle time, evicting
 * the sizes in least demand first) holds what does not fit, and what sat in a free list for a tick.
 * A buffer not reused is trimmed no sooner than {@code idleTimeout} after it was given back and no
 * later than one trim period ({@code min(idleTimeout, 1 s)}) after that, on a timer of the JDK's
 * shared delay scheduler, with no call to the pool needed; {@link #close()} cancels that timer. The
 * caches of live threads are not trimmed by time: at most {@code threadCacheSize} buffers a thread,
 * and a quarter of {@code maxIdleBytes} in all. Buffers in the reserve are wiped already, with
 * {@code zeroOnRelease}.
 *
 * <p><b>Thread safety:</b> all methods are thread-safe and lock-free, except that with idle
 * trimming the reserve (reached only when a free list is empty or full) takes a short lock per
 * class. The hot path (a cache hit on
 * acquire, a cache push on close) touches only thread-confined memory and allocates nothing once
 * the JIT has inlined it.
 *
 * <p>Settings default to: the four classes above; no preallocation; per class, an idle bound that
 * keeps about 4 Mi elements of the class, clamped to [8, 256] buffers (256 of 4 Ki, 64 of 64 Ki, 16
 * of 256 Ki, 8 of 1 Mi); no total bound; {@code threadCacheSize} 4; no zeroing.
 *
 * @param <T> the buffer class
 */
public final class SizeClassBufferPool<T> implements BufferPool<T> {

    /** The provider name under which {@link dev.bufpool.BufferPools} finds this pool. */
    public static final String PROVIDER_NAME = "sizeclass";

    private final SizeClassEngine<T> engine;

    private SizeClassBufferPool(SizeClassEngine<T> engine) {
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
     * Creates a pool from a spec, as the {@code "sizeclass"} provider does. The spec's settings map
     * to this pool so: {@code sizeClasses} are the classes; {@code maxIdleBuffers} bounds the idle
     * buffers of the whole pool, caches included, and is each class's idle bound too;
     * {@code preallocate(n)} creates {@code n} buffers of every class, or, with
     * {@code bufferCapacity(c)}, {@code n} buffers of the class that serves {@code c} (and
     * {@code bufferCapacity} has no other effect); {@code trimCapacity(t)} removes the classes
     * above {@code t}, whose requests then get exact-size buffers that are never kept (below the
     * smallest class it removes them all: the pool then keeps nothing);
     * {@code threadCacheSize} and {@code zeroOnRelease} as they say.
     *
     * @param spec the spec
     * @param <T> the buffer class
     * @return a new open pool
     * @throws IllegalArgumentException if the spec has a setting this pool cannot honour (such as
     *         {@code shards} or {@code maxBuffers}), a {@code bufferCapacity} above the largest
     *         class with {@code preallocate}, or
     *         a preallocation larger in total than {@code maxIdleBuffers}
     */
    public static <T> SizeClassBufferPool<T> create(PoolSpec<T> spec) {
        return create(spec, Map.of(), Map.of());
    }

    private static <T> SizeClassBufferPool<T> create(PoolSpec<T> spec, Map<Integer, Integer> preallocate,
            Map<Integer, Integer> maxIdle) {
        Objects.requireNonNull(spec, "spec");
        spec.checkHonouredBy(PROVIDER_NAME, SizeClassEngine.FEATURES);
        SizeClassSettings settings = SizeClassSettings.of(spec, preallocate, maxIdle);
        int[] sizes = settings.classSizes();
        IdleBudget budget = IdleBudget.of(spec, settings.totalIdleBound(),
                spec.maxIdleBytes().isPresent() && sizes.length > 0
                        ? Math.max(1, spec.type().sizeInBytes(spec.type().allocate(sizes[sizes.length - 1])))
                        : 1);
        if (budget.trimming()) {
            settings = settings.withHotBound(budget.hotBuffers());
        }
        return new SizeClassBufferPool<>(new SizeClassEngine<>(spec.name(), spec.type(), settings, budget, spec.leakDetection()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Never blocks and never fails for want of buffers: on a miss it allocates. The buffer holds
     * {@link #capacityFor(int) capacityFor(minCapacity)} elements.
     */
    @Override
    public Lease<T> acquire(int minCapacity) {
        // The lease is made here, in a method small enough to be inlined into the caller, where
        // escape analysis removes it; the engine only hands over the buffer. The buffer is taken
        // before the lease is allocated, so that no call separates the allocation from the stores
        // that fill it: the compiler then leaves out their GC barriers, which keeps the code of
        // this method, when compiled on its own, well under the size above which it is no longer
        // inlined (and the lease no longer removed). The engine is read once: read again, it is
        // loaded again, and so is what the lease's close then reads from it.
        SizeClassEngine<T> e = engine;
        Thread thread = Thread.currentThread();
        Object[] cache = e.cacheOf(thread);
        T buffer = e.acquireBuffer(cache, minCapacity);
        LeakWatch.Witness witness = LeakWatch.witness(e.leakWatch(), e, buffer, null);
        return new PooledLease<>(e, buffer, cache, thread, witness);
    }

    /**
     * {@inheritDoc}
     *
     * <p>This pool never waits: the same as {@link #acquire(int)}, never {@code null}.
     */
    @Override
    public Lease<T> tryAcquire(int minCapacity) {
        return acquire(minCapacity);
    }

    /**
     * {@inheritDoc}
     *
     * <p>This pool never waits: the same as {@link #acquire(int)}, and never {@code null}. Like
     * {@link java.util.concurrent.Semaphore#tryAcquire(long, TimeUnit)}, it first checks the
     * interrupt flag: set on entry, it is cleared and {@link InterruptedException} thrown.
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
     * The capacity of the buffer a request gets: the size of the smallest class that holds it, or
     * the request itself above the largest class.
     *
     * @param minCapacity the elements asked for, in {@code [0, Integer.MAX_VALUE - 8]}
     * @return the capacity in elements
     * @throws IllegalArgumentException if {@code minCapacity} is out of range
     */
    public int capacityFor(int minCapacity) {
        return engine.capacityFor(minCapacity);
    }

    /** {@return a copy of the size classes, ascending, in elements} */
    public int[] sizeClasses() {
        return engine.settings().classSizes();
    }

    /**
     * How many buffers of a class the pool was created with.
     *
     * @param classSize one of the {@link #sizeClasses()}
     * @return how many buffers of that class were created with the pool, which {@link #trim()} keeps
     * @throws IllegalArgumentException if {@code classSize} is not a class of this pool
     */
    public int preallocated(int classSize) {
        return engine.settings().preallocate(index(classSize));
    }

    /**
     * The idle bound of a class's free list.
     *
     * @param classSize one of the {@link #sizeClasses()}
     * @return the most idle buffers that class's free list keeps
     * @throws IllegalArgumentException if {@code classSize} is not a class of this pool
     */
    public int maxIdle(int classSize) {
        return engine.settings().maxIdle(index(classSize));
    }

    /**
     * The idle buffers in a class's shared free list now.
     *
     * @param classSize one of the {@link #sizeClasses()}
     * @return the idle buffers of that class in its shared free list now, thread caches not
     *         counted; approximate while other threads use the pool
     * @throws IllegalArgumentException if {@code classSize} is not a class of this pool
     */
    public int freeBuffers(int classSize) {
        return engine.freeBuffers(classSize);
    }

    private int index(int classSize) {
        return engine.settings().classIndex(classSize);
    }

    /** {@return the bound on the idle buffers of the whole pool, caches included, if set} */
    public OptionalInt maxIdleBuffers() {
        return engine.settings().maxIdleBuffers();
    }

    /** {@return the most buffers one platform thread caches} */
    public int threadCacheSize() {
        return engine.settings().threadCacheSize();
    }

    /** {@return whether every buffer given back is wiped} */
    public boolean zeroOnRelease() {
        return engine.settings().zeroOnRelease();
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
     * <p>Tracks allocations (misses, and every exact-size buffer above the largest class), drops
     * (buffers given back and not kept: exact-size ones, those that found their list full, those
     * given back to a closed pool), trims, idle buffers and idle bytes (free lists and thread
     * caches); the rest read {@link PoolStats#UNTRACKED} (decorate the pool with {@code "stats"} to
     * count them). Preallocated buffers are not counted as allocations.
     */
    @Override
    public PoolStats stats() {
        return engine.stats();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Takes back the caches of threads that have ended and the calling thread's cache into the
     * free lists, then drops each free list's idle buffers above its class's preallocated count.
     * Other live threads' caches are theirs to use.
     */
    @Override
    public void trim() {
        engine.trim();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Drops the free lists, the calling thread's cache and the caches of ended threads. Caches
     * of other live threads are forgotten by the pool and go with their threads; with
     * {@code zeroOnRelease} their buffers are already wiped.
     */
    @Override
    public void close() {
        engine.close();
    }

    /** {@return the engine; for tests of this package} */
    SizeClassEngine<T> engine() {
        return engine;
    }

    @Override
    public String toString() {
        return engine.toString();
    }

    /**
     * Builds a {@link SizeClassBufferPool}. Every value is checked by {@link #build()}, which names
     * the setting, the value and what is allowed.
     *
     * <p><b>Thread safety:</b> not thread-safe; confine a builder to one thread.
     *
     * @param <T> the buffer class
     */
    public static final class Builder<T> {
        private final PoolSpec.Builder<T> spec;
        private final Map<Integer, Integer> preallocate = new LinkedHashMap<>();
        private final Map<Integer, Integer> maxIdle = new LinkedHashMap<>();

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
         * Sets the size classes.
         *
         * @param classes the size classes in elements: 1 to 31 strictly ascending powers of two;
         *        default 4096, 65536, 262144, 1048576
         * @return this builder
         */
        public Builder<T> sizeClasses(int... classes) {
            spec.sizeClasses(classes);
            return this;
        }

        /**
         * Buffers of one class to create with the pool; {@link #trim()} keeps them. Setting the
         * same class again replaces the count.
         *
         * @param classSize one of the size classes
         * @param count how many, in [0, 1048576], at most that class's {@code maxIdle}
         * @return this builder
         */
        public Builder<T> preallocate(int classSize, int count) {
            preallocate.put(classSize, count);
            return this;
        }

        /**
         * The most idle buffers one class's free list keeps; {@code 0} keeps none of the class.
         *
         * @param classSize one of the size classes
         * @param count the bound, in [0, 1048576]
         * @return this builder
         */
        public Builder<T> maxIdle(int classSize, int count) {
            maxIdle.put(classSize, count);
            return this;
        }

        /**
         * The most idle buffers of the whole pool, free lists and thread caches together; also the
         * idle bound of each class not given its own {@link #maxIdle(int, int)}. Unset, there is no
         * total bound.
         *
         * @param count the bound, in [0, 1048576]
         * @return this builder
         */
        public Builder<T> maxIdleBuffers(int count) {
            spec.maxIdleBuffers(count);
            return this;
        }

        /**
         * Sets how many buffers one platform thread caches.
         *
         * @param size the most buffers, of any classes, one platform thread caches, in [0, 64]; 0
         *        turns caching off; default 4
         * @return this builder
         */
        public Builder<T> threadCacheSize(int size) {
            spec.threadCacheSize(size);
            return this;
        }

        /**
         * Sets whether buffers are wiped when given back.
         *
         * @param zero whether every buffer given back is wiped before the pool keeps or drops it
         * @return this builder
         */
        public Builder<T> zeroOnRelease(boolean zero) {
            spec.zeroOnRelease(zero);
            return this;
        }

        /**
         * Builds the pool from the settings given.
         *
         * @return a new open pool, its preallocated buffers created
         * @throws IllegalArgumentException naming the first setting out of range, its value and
         *         what is allowed
         */
        public SizeClassBufferPool<T> build() {
            return create(spec.build(), preallocate, maxIdle);
        }
    }
}
