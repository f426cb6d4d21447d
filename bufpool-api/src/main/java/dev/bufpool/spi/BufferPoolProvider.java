package dev.bufpool.spi;

import dev.bufpool.BufferPool;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import java.util.Set;

/**
 * Makes pools of one implementation; found through {@link java.util.ServiceLoader}.
 *
 * <p>A provider must have a public no-argument constructor (or a public static {@code provider()}
 * method on the module path) and be cheap to construct: discovery instantiates every provider it
 * finds.
 *
 * <p><b>Thread safety:</b> implementations must be thread-safe; {@link #create} may be called
 * concurrently.
 */
public interface BufferPoolProvider {

    /**
     * The provider's unique name, such as {@code "sharded"}, used by
     * {@link dev.bufpool.PoolSpec.Builder#provider(String)} and the
     * {@value dev.bufpool.BufferPools#PROVIDER_PROPERTY} system property.
     *
     * @return the name
     */
    String name();

    /**
     * The rank among providers whose features cover a spec: the highest wins, ties go to the name
     * first in alphabetical order.
     *
     * @return the priority
     */
    int priority();

    /**
     * What pools of this provider can do; a spec is only given to a provider whose features cover
     * the spec's {@linkplain PoolSpec#features() features}.
     *
     * @return an unmodifiable set
     */
    Set<PoolFeature> features();

    /**
     * Creates a pool as the spec describes; settings left unset take this provider's defaults.
     *
     * @param spec the spec
     * @param <T> the buffer class
     * @return a new open pool
     * @throws IllegalArgumentException if the spec asks for a setting this provider cannot honour,
     *         naming the setting and the provider
     */
    <T> BufferPool<T> create(PoolSpec<T> spec);
}
