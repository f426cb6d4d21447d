package dev.bufpool.internal;

import dev.bufpool.BufferPool;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.Set;

/**
 * A provider that only {@link IsolatedProviderLoader} can find: it is named in that loader's
 * {@code META-INF/services} and defined by it, so that {@link java.util.ServiceLoader} finds it
 * through that loader and through no other.
 */
public final class LonelyProvider implements BufferPoolProvider {

    /** For {@link java.util.ServiceLoader}. */
    public LonelyProvider() {
    }

    @Override
    public String name() {
        return "lonely";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public Set<PoolFeature> features() {
        return Set.of();
    }

    @Override
    public <T> BufferPool<T> create(PoolSpec<T> spec) {
        throw new UnsupportedOperationException("a provider for discovery tests only");
    }
}
