package dev.bufpool.bounded.internal;

import dev.bufpool.BufferPool;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.bounded.BoundedBufferPool;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.Set;

/** Offers {@link BoundedBufferPool} to {@link dev.bufpool.BufferPools} as provider {@code "bounded"}. */
public final class BoundedPoolProvider implements BufferPoolProvider {

    /**
     * The lowest of the project's providers: picked by features only for a spec that asks for
     * BOUNDED or BLOCKING, which no other provider has.
     */
    static final int PRIORITY = 10;

    @Override
    public String name() {
        return BoundedBufferPool.PROVIDER_NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Set<PoolFeature> features() {
        return BoundedEngine.FEATURES;
    }

    @Override
    public <T> BufferPool<T> create(PoolSpec<T> spec) {
        return BoundedBufferPool.create(spec);
    }

    @Override
    public String toString() {
        return "BoundedPoolProvider[" + name() + ", priority " + PRIORITY + ", " + features() + "]";
    }
}
