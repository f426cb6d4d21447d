package dev.bufpool.stats;

import dev.bufpool.BufferPool;
import dev.bufpool.LeakDetection;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link StatsBufferPool}; got from {@link StatsBufferPool#builder(BufferPool)}. Each
 * setter checks its value at once. Not thread-safe; a builder may build more than once, but each
 * pool it builds owns the same wrapped pool, so build once.
 *
 * @param <T> the buffer class
 */
public final class StatsPoolBuilder<T> {

    final BufferPool<T> pool;
    String applicationKey;
    Duration reportInterval;
    ScheduledExecutorService reportScheduler;
    LeakDetection leakDetection = LeakDetection.OFF;
    boolean registerMBean = true;
    LongSupplier ticker = System::nanoTime;
    Logger logger = LoggerFactory.getLogger(StatsBufferPool.class);

    StatsPoolBuilder(BufferPool<T> pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
        if (pool instanceof StatsBufferPool) {
            throw fail("pool", pool.name(), "not be a StatsBufferPool already (settings cannot be applied"
                    + " twice; use it as it is)");
        }
    }

    /**
     * The key of the application the pool belongs to, added to the MXBean's name
     * ({@code dev.bufpool:type=BufferPool,application=<key>,name=<pool name>}) so that the pools of
     * many applications in one server stay apart. Unset by default: no {@code application} key.
     *
     * @param key the key, such as the application's context path or deployment name
     * @return this builder
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is blank
     */
    public StatsPoolBuilder<T> applicationKey(String key) {
        Objects.requireNonNull(key, "applicationKey");
        if (key.isBlank()) {
            throw fail("applicationKey", "'" + key + "'", "not be blank");
        }
        applicationKey = key;
        return this;
    }

    /**
     * Writes a one-line summary of the figures at INFO every {@code interval}, and a last one on
     * close. Off by default.
     *
     * @param interval the time between summaries, from {@link StatsBufferPool#MIN_REPORT_INTERVAL}
     *        to {@link StatsBufferPool#MAX_REPORT_INTERVAL}
     * @return this builder
     * @throws NullPointerException if {@code interval} is {@code null}
     * @throws IllegalArgumentException if {@code interval} is out of that range
     */
    public StatsPoolBuilder<T> reportInterval(Duration interval) {
        Objects.requireNonNull(interval, "reportInterval");
        if (interval.compareTo(StatsBufferPool.MIN_REPORT_INTERVAL) < 0
                || interval.compareTo(StatsBufferPool.MAX_REPORT_INTERVAL) > 0) {
            throw fail("reportInterval", interval, "be in [" + StatsBufferPool.MIN_REPORT_INTERVAL + ", "
                    + StatsBufferPool.MAX_REPORT_INTERVAL + "]");
        }
        reportInterval = interval;
        return this;
    }

    /**
     * Runs the periodic summary on {@code scheduler}, which the caller owns: closing the pool
     * cancels the pool's task and leaves the scheduler running. Without it, a pool with a report
     * interval runs its summary on a daemon thread of its own, stopped when the pool closes.
     *
     * @param scheduler the scheduler; needs a {@link #reportInterval(Duration)}
     * @return this builder
     * @throws NullPointerException if {@code scheduler} is {@code null}
     */
    public StatsPoolBuilder<T> reportScheduler(ScheduledExecutorService scheduler) {
        reportScheduler = Objects.requireNonNull(scheduler, "reportScheduler");
        return this;
    }

    /**
     * Watches the leases this pool hands out and reports at WARN those that become unreachable
     * without being closed, counting them as leaks. {@link LeakDetection#SAMPLE} watches one lease
     * in 128; {@link LeakDetection#PARANOID} watches every lease and records where it was acquired.
     * A leaked lease no longer counts as out. Shared buffers are not watched. This watch is the
     * decorator's own; whether the wrapped pool reclaims a leaked buffer is up to it. Default
     * {@link LeakDetection#OFF}, in which case the leak figure is the wrapped pool's, if it counts
     * leaks.
     *
     * @param level how closely to watch
     * @return this builder
     * @throws NullPointerException if {@code level} is {@code null}
     */
    public StatsPoolBuilder<T> leakDetection(LeakDetection level) {
        leakDetection = Objects.requireNonNull(level, "leakDetection");
        return this;
    }

    /**
     * Whether to register the pool's {@link PoolStatsMXBean} with the platform MBean server. On by
     * default.
     *
     * @param register {@code false} to run without JMX
     * @return this builder
     */
    public StatsPoolBuilder<T> registerMBean(boolean register) {
        registerMBean = register;
        return this;
    }

    /** The clock for wait times and warning intervals, in nanoseconds; tests drive it by hand. */
    StatsPoolBuilder<T> ticker(LongSupplier clock) {
        ticker = Objects.requireNonNull(clock, "ticker");
        return this;
    }

    /** Where the pool logs; tests record it. */
    StatsPoolBuilder<T> logger(Logger log) {
        logger = Objects.requireNonNull(log, "logger");
        return this;
    }

    /**
     * Builds the pool: starts the periodic report if asked and registers the MXBean. If this
     * throws, the wrapped pool is untouched and still the caller's.
     *
     * @return the counted pool, owning the wrapped one
     * @throws IllegalArgumentException if a report scheduler was given without a report interval
     * @throws java.util.concurrent.RejectedExecutionException if the report scheduler refuses the
     *         periodic task
     */
    public StatsBufferPool<T> build() {
        if (reportScheduler != null && reportInterval == null) {
            throw fail("reportInterval", null, "be set when a reportScheduler is given");
        }
        return StatsBufferPool.create(this);
    }

    private static IllegalArgumentException fail(String setting, Object value, String allowed) {
        return new IllegalArgumentException(
                String.format(Locale.ROOT, "%s must %s: %s=%s", setting, allowed, setting, value));
    }
}
