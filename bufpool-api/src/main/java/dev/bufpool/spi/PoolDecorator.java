package dev.bufpool.spi;

import dev.bufpool.BufferPool;
import dev.bufpool.PoolSpec;

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
     * Wraps {@code pool}. The wrapper owns the pool: closing the wrapper closes it.
     *
     * @param pool the pool to wrap
     * @param spec the spec the pool was made from
     * @param <T> the buffer class
     * @return the wrapping pool
     */
    <T> BufferPool<T> decorate(BufferPool<T> pool, PoolSpec<T> spec);
}
