package dev.bufpool.sharded.internal;

import dev.bufpool.BufferPool;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.sharded.ShardedBufferPool;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.Set;

/** Offers {@link ShardedBufferPool} to {@link dev.bufpool.BufferPools} as provider {@code "sharded"}. */
public final class ShardedPoolProvider implements BufferPoolProvider {

    /** The general-purpose default: above the size-class and bounded pools. */
    static final int PRIORITY = 100;

    @Override
    public String name() {
        return ShardedBufferPool.PROVIDER_NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Set<PoolFeature> features() {
        return ShardedEngine.FEATURES;
    }

    @Override
    public <T> BufferPool<T> create(PoolSpec<T> spec) {
        return ShardedBufferPool.create(spec);
    }

    @Override
    public String toString() {
        return "ShardedPoolProvider[" + name() + ", priority " + PRIORITY + ", " + features() + "]";
    }
}
