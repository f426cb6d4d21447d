package dev.bufpool.sizeclass.internal;

import dev.bufpool.BufferPool;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.sizeclass.SizeClassBufferPool;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.Set;

/** Offers {@link SizeClassBufferPool} to {@link dev.bufpool.BufferPools} as provider {@code "sizeclass"}. */
public final class SizeClassPoolProvider implements BufferPoolProvider {

    /** Below the general-purpose sharded pool: chosen by features (size classes, zeroing) or by name. */
    static final int PRIORITY = 50;

    @Override
    public String name() {
        return SizeClassBufferPool.PROVIDER_NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Set<PoolFeature> features() {
        return SizeClassEngine.FEATURES;
    }

    @Override
    public <T> BufferPool<T> create(PoolSpec<T> spec) {
        return SizeClassBufferPool.create(spec);
    }

    @Override
    public String toString() {
        return "SizeClassPoolProvider[" + name() + ", priority " + PRIORITY + ", " + features() + "]";
    }
}
