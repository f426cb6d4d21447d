package dev.bufpool.spi;

import dev.bufpool.BufferPool;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import java.util.Set;

/**
 * Wraps any pool to add behaviour, such as statistics; found through
 * {@link java.util.ServiceLoader} and applied by name from
 * {@link dev.bufpool.PoolSpec.Builder#decorate(String...)}.
 *
 * <p><b>Thread safety:</b> implementations must be thread-safe.
 */
public interface PoolDecorator {

    /**
     * The decorator's unique name, such as {@code "stats"}.
     *
     * @return the name
     */
    String name();

    /**
     * The features this decorator gives any pool it wraps: a spec's settings that need them are
     * honoured by the decorator, so {@link dev.bufpool.BufferPools#create} accepts them for a
     * provider that lacks the feature, and gives that provider the spec without them
     * ({@link PoolSpec#withoutSettingsNeeding}). The {@code stats} decorator gives
     * {@link PoolFeature#LEAK_DETECTION}.
     *
     * @return the features, none by default
     */
    default Set<PoolFeature> features() {
        return Set.of();
    }

    /**
     * Wraps {@code pool}. The wrapper owns the pool: closing the wrapper closes it.
     *
     * @param pool the pool to wrap
     * @param spec the spec the pool was made from
     * @param <T> the buffer class
     * @return the wrapping pool
     */
    <T> BufferPool<T> decorate(BufferPool<T> pool, PoolSpec<T> spec);
}
