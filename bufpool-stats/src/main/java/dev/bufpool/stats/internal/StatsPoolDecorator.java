package dev.bufpool.stats.internal;

import dev.bufpool.BufferPool;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.spi.PoolDecorator;
import dev.bufpool.stats.StatsBufferPool;
import dev.bufpool.stats.StatsPoolBuilder;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Set;

/**
 * Offers {@link StatsBufferPool} as the {@link PoolDecorator} named
 * {@value StatsBufferPool#DECORATOR_NAME}. The spec gives the leak detection level; the system
 * property {@value StatsBufferPool#REPORT_INTERVAL_PROPERTY} gives the report interval. A pool that
 * is already counted is returned as it is.
 */
public final class StatsPoolDecorator implements PoolDecorator {

    /** For {@link java.util.ServiceLoader}. */
    public StatsPoolDecorator() {
    }

    @Override
    public String name() {
        return StatsBufferPool.DECORATOR_NAME;
    }

    /** {@return {@link PoolFeature#LEAK_DETECTION}: this decorator honours {@code leakDetection} for any pool} */
    @Override
    public Set<PoolFeature> features() {
        return Set.of(PoolFeature.LEAK_DETECTION);
    }

    /**
     * Wraps {@code pool}, or returns it if it is counted already. If wrapping fails, the pool, which
     * was handed over, is closed before the exception is passed on.
     *
     * @throws IllegalArgumentException if the report interval property is not a duration in range
     */
    @Override
    public <T> BufferPool<T> decorate(BufferPool<T> pool, PoolSpec<T> spec) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(spec, "spec");
        if (pool instanceof StatsBufferPool) {
            return pool;
        }
        try {
            StatsPoolBuilder<T> builder = StatsBufferPool.builder(pool).leakDetection(spec.leakDetection());
            Duration interval = reportInterval(System.getProperty(StatsBufferPool.REPORT_INTERVAL_PROPERTY));
            if (interval != null) {
                builder.reportInterval(interval);
            }
            return builder.build();
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    static Duration reportInterval(String property) {
        if (property == null || property.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(property.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("system property " + StatsBufferPool.REPORT_INTERVAL_PROPERTY
                    + " must be an ISO-8601 duration such as PT1M: " + StatsBufferPool.REPORT_INTERVAL_PROPERTY
                    + "=" + property, e);
        }
    }
}
