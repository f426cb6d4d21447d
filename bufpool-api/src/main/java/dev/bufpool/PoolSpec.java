package dev.bufpool;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The immutable description of a pool to create: its buffer type, name, which provider or features
 * it wants, the decorators to wrap it in, and its settings. Settings left unset take the chosen
 * provider's defaults; settings given must be honoured by the provider, never silently ignored.
 *
 * <p>Each setting that only some providers honour implies the {@link PoolFeature} it needs (see
 * {@link #settingFeatures()}), so a spec without a provider name picks a provider that can honour
 * it. {@link Builder#build()} validates every setting.
 *
 * <p><b>Thread safety:</b> instances are immutable and safe to share.
 *
 * @param <T> the buffer class
 */
public final class PoolSpec<T> {

    private static final AtomicInteger UNNAMED = new AtomicInteger();

    private final BufferType<T> type;
    private final String name;
    private final String provider;
    private final Set<PoolFeature> requiredFeatures;
    private final List<String> decorators;
    private final Integer maxIdleBuffers;
    private final Integer trimCapacity;
    private final Integer threadCacheSize;
    private final Integer shards;
    private final int[] sizeClasses;
    private final boolean zeroOnRelease;
    private final Integer preallocate;
    private final Integer maxBuffers;
    private final Integer bufferCapacity;
    private final Duration maxWait;
    private final Long memoryBudget;
    private final Duration idleTimeout;
    private final Long maxIdleBytes;
    private final InstantSource clock;
    private final LeakDetection leakDetection;
    private final Map<String, PoolFeature> settingFeatures;

    private PoolSpec(Builder<T> b) {
        type = b.type;
        name = b.name != null ? b.name : "pool-" + UNNAMED.incrementAndGet();
        provider = b.provider;
        requiredFeatures = Collections.unmodifiableSet(EnumSet.copyOf(b.required));
        decorators = List.copyOf(b.decorators);
        maxIdleBuffers = b.maxIdleBuffers;
        trimCapacity = b.trimCapacity;
        threadCacheSize = b.threadCacheSize;
        shards = b.shards;
        sizeClasses = b.sizeClasses;
        zeroOnRelease = b.zeroOnRelease;
        preallocate = b.preallocate;
        maxBuffers = b.maxBuffers;
        bufferCapacity = b.bufferCapacity;
        maxWait = b.maxWait;
        memoryBudget = b.memoryBudget;
        idleTimeout = b.idleTimeout;
        maxIdleBytes = b.maxIdleBytes;
        clock = b.clock;
        leakDetection = b.leakDetection;
        settingFeatures = Collections.unmodifiableMap(SpecFeatures.implied(this));
    }

    /** A copy of {@code from} without the settings that need a feature in {@code drop}; see {@link #withoutSettingsNeeding}. */
    private PoolSpec(PoolSpec<T> from, Set<PoolFeature> drop) {
        type = from.type;
        name = from.name;
        provider = from.provider;
        Set<PoolFeature> required = EnumSet.noneOf(PoolFeature.class);
        required.addAll(from.requiredFeatures);
        required.removeAll(drop);
        requiredFeatures = Collections.unmodifiableSet(required);
        decorators = from.decorators;
        maxIdleBuffers = from.maxIdleBuffers;
        trimCapacity = from.trimCapacity;
        threadCacheSize = drop.contains(PoolFeature.THREAD_CACHE) ? null : from.threadCacheSize;
        shards = drop.contains(PoolFeature.SHARDED) ? null : from.shards;
        sizeClasses = drop.contains(PoolFeature.SIZE_CLASSES) ? null : from.sizeClasses;
        zeroOnRelease = !drop.contains(PoolFeature.ZEROING) && from.zeroOnRelease;
        preallocate = from.preallocate;
        maxBuffers = drop.contains(PoolFeature.BOUNDED) ? null : from.maxBuffers;
        bufferCapacity = from.bufferCapacity;
        maxWait = drop.contains(PoolFeature.BLOCKING) ? null : from.maxWait;
        memoryBudget = drop.contains(PoolFeature.BOUNDED) ? null : from.memoryBudget;
        idleTimeout = drop.contains(PoolFeature.IDLE_TRIM) ? null : from.idleTimeout;
        maxIdleBytes = drop.contains(PoolFeature.IDLE_TRIM) ? null : from.maxIdleBytes;
        clock = drop.contains(PoolFeature.IDLE_TRIM) ? null : from.clock;
        leakDetection = drop.contains(PoolFeature.LEAK_DETECTION) ? LeakDetection.OFF : from.leakDetection;
        settingFeatures = Collections.unmodifiableMap(SpecFeatures.implied(this));
        for (PoolFeature kept : settingFeatures.values()) {
            if (drop.contains(kept)) { // a setting SpecFeatures.implied knows and this copy does not drop
                throw new AssertionError("a setting needing " + kept + " was not dropped from " + this);
            }
        }
    }

    /**
     * A copy of this spec without the settings that need any of {@code features}: for a pool
     * whose decorators honour those settings themselves (the {@code stats} decorator honours
     * {@code leakDetection}), made by a provider that lacks the features. The decorators still get
     * the whole spec.
     *
     * @param features the features whose settings to leave out
     * @return the copy; this spec if it has no such setting or requirement
     * @throws NullPointerException if {@code features} is {@code null}
     */
    public PoolSpec<T> withoutSettingsNeeding(Set<PoolFeature> features) {
        Set<PoolFeature> drop = EnumSet.noneOf(PoolFeature.class);
        drop.addAll(Objects.requireNonNull(features, "features"));
        drop.retainAll(features());
        return drop.isEmpty() ? this : new PoolSpec<>(this, drop);
    }

    /**
     * Starts a spec for buffers of {@code type}.
     *
     * @param type the buffer type
     * @param <T> the buffer class
     * @return a new builder
     */
    public static <T> Builder<T> builder(BufferType<T> type) {
        return new Builder<>(type);
    }

    /** {@return the buffer type} */
    public BufferType<T> type() {
        return type;
    }

    /** {@return the pool's name; {@code "pool-N"} when none was given} */
    public String name() {
        return name;
    }

    /** {@return the provider asked for by name, if any} */
    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    /** {@return the features asked for explicitly with {@link Builder#require}} */
    public Set<PoolFeature> requiredFeatures() {
        return requiredFeatures;
    }

    /**
     * The settings given that need a feature not every provider has, each with that feature, in
     * declaration order; for example {@code zeroOnRelease -> ZEROING}.
     *
     * @return an unmodifiable map from setting name to the feature it needs
     */
    public Map<String, PoolFeature> settingFeatures() {
        return settingFeatures;
    }

    /**
     * Every feature the pool must have: those required explicitly and those the settings imply.
     *
     * @return a new modifiable set
     */
    public Set<PoolFeature> features() {
        Set<PoolFeature> all = EnumSet.noneOf(PoolFeature.class);
        all.addAll(requiredFeatures);
        all.addAll(settingFeatures.values());
        return all;
    }

    /**
     * Checks that a provider with {@code features} can honour this spec: every feature its
     * settings imply and every feature it requires. Providers call this first in
     * {@code create}, so that no setting is ever silently ignored.
     *
     * @param provider the provider's name, for the message
     * @param features the provider's features
     * @throws IllegalArgumentException naming the first setting (or required feature) the
     *         provider cannot honour, the feature it needs and the provider
     */
    public void checkHonouredBy(String provider, Set<PoolFeature> features) {
        SpecFeatures.checkHonouredBy(this, Objects.requireNonNull(provider, "provider"),
                Objects.requireNonNull(features, "features"));
    }

    /** {@return the names of the decorators to apply, innermost first} */
    public List<String> decorators() {
        return decorators;
    }

    /** {@return the most idle buffers the pool keeps, if set} */
    public OptionalInt maxIdleBuffers() {
        return optional(maxIdleBuffers);
    }

    /** {@return the capacity above which a returned buffer is dropped rather than kept, if set} */
    public OptionalInt trimCapacity() {
        return optional(trimCapacity);
    }

    /** {@return the most buffers each platform thread caches, if set ({@code 0}: no cache)} */
    public OptionalInt threadCacheSize() {
        return optional(threadCacheSize);
    }

    /** {@return the number of shards, if set} */
    public OptionalInt shards() {
        return optional(shards);
    }

    /** {@return a copy of the size classes in elements, ascending powers of two, if set} */
    public Optional<int[]> sizeClasses() {
        return Optional.ofNullable(sizeClasses).map(int[]::clone);
    }

    /** {@return whether buffers are wiped on their way back into the pool} */
    public boolean zeroOnRelease() {
        return zeroOnRelease;
    }

    /** {@return how many buffers to create in advance, if set} */
    public OptionalInt preallocate() {
        return optional(preallocate);
    }

    /** {@return the most buffers a bounded pool holds, if set} */
    public OptionalInt maxBuffers() {
        return optional(maxBuffers);
    }

    /** {@return the capacity of the buffers the pool creates in advance, if set} */
    public OptionalInt bufferCapacity() {
        return optional(bufferCapacity);
    }

    /** {@return the longest a blocking {@code acquire} waits, if set} */
    public Optional<Duration> maxWait() {
        return Optional.ofNullable(maxWait);
    }

    /** {@return the most bytes out and idle together, if set} */
    public OptionalLong memoryBudget() {
        return optional(memoryBudget);
    }

    /** {@return how long a buffer may stay idle before it is trimmed, if set} */
    public Optional<Duration> idleTimeout() {
        return Optional.ofNullable(idleTimeout);
    }

    /** {@return the most bytes kept idle, if set} */
    public OptionalLong maxIdleBytes() {
        return optional(maxIdleBytes);
    }

    /**
     * {@return the clock idle trimming reads, if set; pools use the system's monotonic time
     * otherwise}
     */
    public Optional<InstantSource> clock() {
        return Optional.ofNullable(clock);
    }

    /** {@return the leak detection level; {@link LeakDetection#OFF} unless set} */
    public LeakDetection leakDetection() {
        return leakDetection;
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** {@return the type, the name and every setting given} */
    @Override
    public String toString() {
        return SpecFeatures.describe(this);
    }

    /**
     * Builds a {@link PoolSpec}. Setters reject {@code null} at once; every value is checked by
     * {@link #build()}, which names the setting, the value and what is allowed.
     *
     * <p><b>Thread safety:</b> not thread-safe; confine a builder to one thread.
     *
     * @param <T> the buffer class
     */
    public static final class Builder<T> {
        private final BufferType<T> type;
        private String name;
        private String provider;
        private final Set<PoolFeature> required = EnumSet.noneOf(PoolFeature.class);
        private final List<String> decorators = new java.util.ArrayList<>();
        private Integer maxIdleBuffers;
        private Integer trimCapacity;
        private Integer threadCacheSize;
        private Integer shards;
        private int[] sizeClasses;
        private boolean zeroOnRelease;
        private Integer preallocate;
        private Integer maxBuffers;
        private Integer bufferCapacity;
        private Duration maxWait;
        private Long memoryBudget;
        private Duration idleTimeout;
        private Long maxIdleBytes;
        private InstantSource clock;
        private LeakDetection leakDetection = LeakDetection.OFF;

        private Builder(BufferType<T> type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        /**
         * The pool's name, for messages, logs and JMX; must not be blank.
         *
         * @param name the name
         * @return this builder
         */
        public Builder<T> name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Asks for the provider of this name, such as {@code "sharded"}, instead of choosing by
         * features and priority.
         *
         * @param provider the provider's name
         * @return this builder
         */
        public Builder<T> provider(String provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Asks for features the chosen provider must have, on top of those the settings imply.
         *
         * @param features the features
         * @return this builder
         */
        public Builder<T> require(PoolFeature... features) {
            for (PoolFeature feature : Objects.requireNonNull(features, "features")) {
                required.add(Objects.requireNonNull(feature, "feature"));
            }
            return this;
        }

        /**
         * Wraps the pool in the named decorators, found through
         * {@link dev.bufpool.spi.PoolDecorator}; the first named is applied first (innermost).
         *
         * @param names decorator names, such as {@code "stats"}
         * @return this builder
         */
        public Builder<T> decorate(String... names) {
            for (String decorator : Objects.requireNonNull(names, "names")) {
                decorators.add(Objects.requireNonNull(decorator, "decorator"));
            }
            return this;
        }

        /**
         * The most idle buffers the pool keeps, in {@code [0, 1048576]}.
         *
         * @param count the bound
         * @return this builder
         */
        public Builder<T> maxIdleBuffers(int count) {
            maxIdleBuffers = count;
            return this;
        }

        /**
         * A returned buffer whose capacity is above this is dropped instead of kept; in
         * {@code [1, Integer.MAX_VALUE - 8]}.
         *
         * @param capacity the capacity in elements
         * @return this builder
         */
        public Builder<T> trimCapacity(int capacity) {
            trimCapacity = capacity;
            return this;
        }

        /**
         * The most buffers each platform thread keeps in its private cache, in {@code [0, 64]};
         * {@code 0} turns the cache off. A value above 0 needs {@link PoolFeature#THREAD_CACHE}.
         *
         * @param size the cache size
         * @return this builder
         */
        public Builder<T> threadCacheSize(int size) {
            threadCacheSize = size;
            return this;
        }

        /**
         * The number of shards, a power of two in {@code [1, 1024]}; needs
         * {@link PoolFeature#SHARDED}.
         *
         * @param count the shard count
         * @return this builder
         */
        public Builder<T> shards(int count) {
            shards = count;
            return this;
        }

        /**
         * The size classes in elements: non-empty, strictly ascending powers of two, at most 31 of
         * them; needs {@link PoolFeature#SIZE_CLASSES}.
         *
         * @param classes the classes
         * @return this builder
         */
        public Builder<T> sizeClasses(int... classes) {
            sizeClasses = Objects.requireNonNull(classes, "classes").clone();
            return this;
        }

        /**
         * Whether every buffer is wiped on its way back into the pool; {@code true} needs
         * {@link PoolFeature#ZEROING}.
         *
         * @param zero whether to wipe
         * @return this builder
         */
        public Builder<T> zeroOnRelease(boolean zero) {
            zeroOnRelease = zero;
            return this;
        }

        /**
         * How many buffers to create when the pool is built, in {@code [0, 1048576]}; at most
         * {@code maxIdleBuffers} and {@code maxBuffers} where those are set.
         *
         * @param count the number of buffers
         * @return this builder
         */
        public Builder<T> preallocate(int count) {
            preallocate = count;
            return this;
        }

        /**
         * The most buffers a bounded pool holds, out and idle together, in {@code [1, 1048576]};
         * needs {@link PoolFeature#BOUNDED}.
         *
         * @param count the bound
         * @return this builder
         */
        public Builder<T> maxBuffers(int count) {
            maxBuffers = count;
            return this;
        }

        /**
         * The capacity of the buffers the pool creates in advance, in
         * {@code [1, Integer.MAX_VALUE - 8]}.
         *
         * @param capacity the capacity in elements
         * @return this builder
         */
        public Builder<T> bufferCapacity(int capacity) {
            bufferCapacity = capacity;
            return this;
        }

        /**
         * The longest a blocking {@code acquire} waits, {@code >= 0}; needs
         * {@link PoolFeature#BLOCKING}.
         *
         * @param wait the wait
         * @return this builder
         */
        public Builder<T> maxWait(Duration wait) {
            maxWait = Objects.requireNonNull(wait, "maxWait");
            return this;
        }

        /**
         * The most bytes out and idle together, {@code >= 1}; needs {@link PoolFeature#BOUNDED}.
         *
         * @param bytes the budget
         * @return this builder
         */
        public Builder<T> memoryBudget(long bytes) {
            memoryBudget = bytes;
            return this;
        }

        /**
         * How long a buffer may stay idle before it is trimmed, in {@code [1 ms, 30 days]}; needs
         * {@link PoolFeature#IDLE_TRIM}. A buffer is trimmed no sooner than this after it was last
         * given back, and, while its pool is open, no later than this plus the pool's trim period
         * (at most one second), whether or not the pool gets any more calls. Buffers in the
         * per-thread caches of live threads are the documented exception of each provider.
         *
         * @param timeout the idle time
         * @return this builder
         */
        public Builder<T> idleTimeout(Duration timeout) {
            idleTimeout = Objects.requireNonNull(timeout, "idleTimeout");
            return this;
        }

        /**
         * The most bytes kept idle, {@code >= 0}, per-thread caches included; needs
         * {@link PoolFeature#IDLE_TRIM}. {@code 0} keeps nothing idle.
         *
         * @param bytes the bound
         * @return this builder
         */
        public Builder<T> maxIdleBytes(long bytes) {
            maxIdleBytes = bytes;
            return this;
        }

        /**
         * The clock that idle trimming reads instead of the system's monotonic time, so that tests
         * can drive time; needs {@link PoolFeature#IDLE_TRIM}. Only its {@code millis()} is read,
         * and it must never go backwards. Pools still run their trimming on a timer of real time;
         * with a clock given, a pool also runs due trimming whenever its {@code stats()} are read.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is {@code null}
         */
        public Builder<T> clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The leak detection level; any but {@link LeakDetection#OFF} needs
         * {@link PoolFeature#LEAK_DETECTION}.
         *
         * @param level the level
         * @return this builder
         */
        public Builder<T> leakDetection(LeakDetection level) {
            leakDetection = Objects.requireNonNull(level, "leakDetection");
            return this;
        }

        /**
         * Checks every setting and builds the spec.
         *
         * @return the immutable spec
         * @throws IllegalArgumentException naming the first setting out of range, its value and
         *         what is allowed
         */
        public PoolSpec<T> build() {
            PoolSpec<T> spec = new PoolSpec<>(this);
            SpecValidation.validate(spec);
            return spec;
        }
    }
}
