package dev.bufpool.sizeclass.internal;

import dev.bufpool.PoolSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A spec's settings, and the per-class settings of the pool's own builder, with the size-class
 * pool's defaults filled in and checked against each other. Immutable.
 *
 * <p><b>From a spec:</b> {@code sizeClasses} are the classes; {@code trimCapacity} removes the
 * classes above it (their requests get exact-size buffers that are not kept; below the smallest
 * class it removes them all, and the pool keeps nothing); {@code maxIdleBuffers}
 * bounds the idle buffers of the whole pool, thread caches included; {@code preallocate} with
 * {@code bufferCapacity} fills the class serving {@code bufferCapacity}, without it every class;
 * {@code threadCacheSize} and {@code zeroOnRelease} as they say.
 *
 * <p><b>Idle bounds:</b> each class's free list keeps at most {@code maxIdle(class)} buffers: the
 * builder's value, else {@code maxIdleBuffers} when that is set, else a default that keeps about
 * {@value #DEFAULT_IDLE_ELEMENTS} elements a class, clamped to [{@value #MIN_DEFAULT_IDLE},
 * {@value #MAX_DEFAULT_IDLE}] buffers (never below the class's preallocation). When
 * {@code maxIdleBuffers} is set, the thread caches get a budget of at most half of what the
 * preallocation leaves, and the free lists share the rest.
 */
public final class SizeClassSettings {

    /** The maximum number of buffers any count setting may name, as {@link PoolSpec} allows. */
    public static final int MAX_BUFFERS = 1 << 20;
    /** The default per-thread cache size, in buffers. */
    public static final int DEFAULT_THREAD_CACHE_SIZE = 4;
    /** The default per-class idle bound keeps about this many elements of each class. */
    static final int DEFAULT_IDLE_ELEMENTS = 1 << 22;
    /** The least default per-class idle bound. */
    static final int MIN_DEFAULT_IDLE = 8;
    /** The most default per-class idle bound. */
    static final int MAX_DEFAULT_IDLE = 256;
    /** Thread caches are budgeted for this many threads per processor, and at least {@value #MIN_CACHED_THREADS}. */
    private static final int CACHED_THREADS_PER_PROCESSOR = 4;
    private static final int MIN_CACHED_THREADS = 16;
    private static final int[] DEFAULT_CLASSES = {4 << 10, 64 << 10, 256 << 10, 1 << 20};

    private final ClassTable classes;
    private final int[] preallocate;
    private final int[] maxIdle;
    private final OptionalInt maxIdleBuffers;
    private final int threadCacheSize;
    private final int cacheBudget;
    private final boolean zeroOnRelease;

    private SizeClassSettings(ClassTable classes, int[] preallocate, int[] maxIdle, OptionalInt maxIdleBuffers,
            int threadCacheSize, int cacheBudget, boolean zeroOnRelease) {
        this.classes = classes;
        this.preallocate = preallocate;
        this.maxIdle = maxIdle;
        this.maxIdleBuffers = maxIdleBuffers;
        this.threadCacheSize = threadCacheSize;
        this.cacheBudget = cacheBudget;
        this.zeroOnRelease = zeroOnRelease;
    }

    /** {@return the default classes: 4 KiB, 64 KiB, 256 KiB and 1 MiB elements} */
    public static int[] defaultClasses() {
        return DEFAULT_CLASSES.clone();
    }

    /**
     * @param spec a spec already checked to be one this pool honours
     * @param preallocateByClass buffers to create at once, by class size; overrides the spec
     * @param maxIdleByClass the most idle buffers of a class's free list, by class size
     * @return the settings
     * @throws IllegalArgumentException naming the first setting out of range, its value and what
     *         is allowed
     */
    public static SizeClassSettings of(PoolSpec<?> spec, Map<Integer, Integer> preallocateByClass,
            Map<Integer, Integer> maxIdleByClass) {
        ClassTable classes = new ClassTable(keptClasses(spec));
        int[] preallocate = new int[classes.count()];
        if (spec.preallocate().isPresent()) {
            preallocateFromSpec(spec, classes, preallocate);
        }
        int[] explicitIdle = new int[classes.count()];
        Arrays.fill(explicitIdle, -1);
        perClass("preallocate", preallocateByClass, classes, preallocate);
        perClass("maxIdle", maxIdleByClass, classes, explicitIdle);

        OptionalInt total = spec.maxIdleBuffers();
        long preallocated = 0;
        int[] maxIdle = new int[classes.count()];
        for (int k = 0; k < maxIdle.length; k++) {
            String at = "(" + classes.size(k) + ")";
            if (explicitIdle[k] >= 0 && preallocate[k] > explicitIdle[k]) {
                throw fail("preallocate" + at, preallocate[k], "be <= maxIdle" + at + " (" + explicitIdle[k] + ")");
            }
            int fallback = total.isPresent() ? total.getAsInt() : defaultMaxIdle(classes.size(k));
            maxIdle[k] = explicitIdle[k] >= 0 ? explicitIdle[k] : Math.max(fallback, preallocate[k]);
            preallocated += preallocate[k];
        }
        if (total.isPresent() && preallocated > total.getAsInt()) {
            throw fail("preallocate", preallocated + " buffers in all",
                    "total at most maxIdleBuffers (" + total.getAsInt() + ")");
        }
        int cacheSize = spec.threadCacheSize().orElse(DEFAULT_THREAD_CACHE_SIZE);
        int budget = cacheSize * Math.max(MIN_CACHED_THREADS,
                CACHED_THREADS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors());
        if (total.isPresent()) {
            budget = (int) Math.min(budget, (total.getAsInt() - preallocated) / 2);
        }
        budget = cacheSize == 0 || classes.count() == 0 ? 0 : budget - budget % cacheSize;
        return new SizeClassSettings(classes, preallocate, maxIdle, total, cacheSize, budget, spec.zeroOnRelease());
    }

    /**
     * The most idle buffers the pool keeps, free lists and caches together: {@code maxIdleBuffers}
     * when set, else the classes' bounds and the cache budget added up.
     *
     * @return the total
     */
    public int totalIdleBound() {
        if (maxIdleBuffers.isPresent()) {
            return maxIdleBuffers.getAsInt();
        }
        long total = cacheBudget;
        for (int bound : maxIdle) {
            total += bound;
        }
        return (int) Math.min(MAX_BUFFERS, total);
    }

    /**
     * The same settings for the hot tier of a pool with idle trimming: free lists and caches keep at
     * most {@code hotBuffers} together, the caches at most half of what the preallocation leaves.
     * Preallocated buffers beyond the lists' room go to the idle reserve.
     *
     * @param hotBuffers the hot tier's share of the idle bound
     * @return the settings for the hot tier
     */
    public SizeClassSettings withHotBound(int hotBuffers) {
        long preallocated = 0;
        int[] hotIdle = new int[maxIdle.length];
        for (int k = 0; k < maxIdle.length; k++) {
            hotIdle[k] = Math.min(maxIdle[k], hotBuffers);
            preallocated += preallocate[k];
        }
        int budget = (int) Math.min(cacheBudget, Math.max(0, hotBuffers - preallocated) / 2);
        budget = threadCacheSize == 0 ? 0 : budget - budget % threadCacheSize;
        return new SizeClassSettings(classes, preallocate, hotIdle, OptionalInt.of(hotBuffers), threadCacheSize,
                budget, zeroOnRelease);
    }

    private static int[] keptClasses(PoolSpec<?> spec) {
        int[] all = spec.sizeClasses().orElseGet(SizeClassSettings::defaultClasses);
        if (spec.trimCapacity().isEmpty()) {
            return all;
        }
        int trim = spec.trimCapacity().getAsInt();
        return Arrays.stream(all).filter(size -> size <= trim).toArray();
    }

    private static void preallocateFromSpec(PoolSpec<?> spec, ClassTable classes, int[] preallocate) {
        int count = spec.preallocate().getAsInt();
        if (count > 0 && classes.count() == 0) {
            throw fail("preallocate", count, "be 0 when trimCapacity leaves no size class");
        }
        if (spec.bufferCapacity().isEmpty()) {
            Arrays.fill(preallocate, count);
            return;
        }
        int capacity = spec.bufferCapacity().getAsInt();
        int index = classes.indexFor(capacity);
        if (index == ClassTable.NONE) {
            throw fail("bufferCapacity", capacity,
                    "be <= the largest size class (" + classes.largest() + ") to preallocate buffers of its class");
        }
        preallocate[index] = count;
    }

    private static void perClass(String setting, Map<Integer, Integer> byClass, ClassTable classes, int[] into) {
        for (Map.Entry<Integer, Integer> entry : byClass.entrySet()) {
            int size = entry.getKey();
            int index = classes.indexOf(size);
            if (index == ClassTable.NONE) {
                throw fail(setting + " classSize", size, "be one of the size classes " + classes);
            }
            int count = entry.getValue();
            if (count < 0 || count > MAX_BUFFERS) {
                throw fail(setting + "(" + size + ")", count, "be in [0, " + MAX_BUFFERS + "]");
            }
            into[index] = count;
        }
    }

    /** About {@value #DEFAULT_IDLE_ELEMENTS} elements of the class, clamped. */
    static int defaultMaxIdle(int classSize) {
        return Math.max(MIN_DEFAULT_IDLE, Math.min(MAX_DEFAULT_IDLE, DEFAULT_IDLE_ELEMENTS / classSize));
    }

    /**
     * @param setting the setting's name
     * @param value its value
     * @param allowed what is allowed, after "must"
     * @return the exception, message {@code "setting must allowed: setting=value"}
     */
    static IllegalArgumentException fail(String setting, Object value, String allowed) {
        return new IllegalArgumentException(
                String.format(Locale.ROOT, "%s must %s: %s=%s", setting, allowed, setting, value));
    }

    ClassTable classes() {
        return classes;
    }

    /** {@return a copy of the class sizes in force, ascending} */
    public int[] classSizes() {
        return classes.sizes();
    }

    /**
     * @param classSize a class size
     * @return the index of that class
     * @throws IllegalArgumentException if {@code classSize} is not one of the classes
     */
    public int classIndex(int classSize) {
        int index = classes.indexOf(classSize);
        if (index == ClassTable.NONE) {
            throw fail("classSize", classSize, "be one of the size classes " + classes);
        }
        return index;
    }

    /**
     * @param index a class index
     * @return how many buffers of that class are created at construction, and kept by trim
     */
    public int preallocate(int index) {
        return preallocate[index];
    }

    /**
     * @param index a class index
     * @return the most idle buffers that class's free list keeps
     */
    public int maxIdle(int index) {
        return maxIdle[index];
    }

    /** {@return the bound on the idle buffers of the whole pool, caches included, if set} */
    public OptionalInt maxIdleBuffers() {
        return maxIdleBuffers;
    }

    /** {@return the bound on the buffers of all free lists together; {@code Integer.MAX_VALUE} if none} */
    int listsBound() {
        return maxIdleBuffers.isPresent() ? maxIdleBuffers.getAsInt() - cacheBudget : Integer.MAX_VALUE;
    }

    /** {@return the most buffers one platform thread caches} */
    public int threadCacheSize() {
        return threadCacheSize;
    }

    /** {@return the most buffers all thread caches hold together} */
    public int cacheBudget() {
        return cacheBudget;
    }

    /** {@return whether every buffer given back is wiped} */
    public boolean zeroOnRelease() {
        return zeroOnRelease;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "sizeClasses=%s, preallocate=%s, maxIdle=%s, maxIdleBuffers=%s, "
                + "threadCacheSize=%d, zeroOnRelease=%s", classes, Arrays.toString(preallocate),
                Arrays.toString(maxIdle), maxIdleBuffers.isPresent() ? maxIdleBuffers.getAsInt() : "none",
                threadCacheSize, zeroOnRelease);
    }
}
