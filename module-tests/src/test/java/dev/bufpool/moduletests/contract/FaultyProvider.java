package dev.bufpool.moduletests.contract;

import dev.bufpool.BufferPool;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.Set;

/** Makes {@link FaultyPool}s with one fault; handed to the kit's tests directly, never discovered. */
final class FaultyProvider implements BufferPoolProvider {

    private final FaultyPool.Fault fault;

    FaultyProvider(FaultyPool.Fault fault) {
        this.fault = fault;
    }

    @Override
    public String name() {
        return "faulty-" + fault;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Set<PoolFeature> features() {
        return Set.of();
    }

    @Override
    public <T> BufferPool<T> create(PoolSpec<T> spec) {
        return new FaultyPool<>(spec.type(), fault);
    }
}
