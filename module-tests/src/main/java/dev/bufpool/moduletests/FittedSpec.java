package dev.bufpool.moduletests;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferType;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.time.Duration;
import java.util.Set;

/**
 * Makes a {@link PoolSpec} that one provider honours, whatever its features, for code that runs
 * the same workload on every provider found (the contract tests, the demo).
 *
 * <p>A spec names the provider and sets only what that provider needs to serve the workload: a
 * bounded provider gets {@code maxBuffers} and {@code bufferCapacity} large enough for it, a
 * blocking one a {@code maxWait}. Settings a provider lacks the feature for are never set.
 */
public final class FittedSpec {

    /**
     * The wait a blocking pool of a fitted spec allows: never reached while the pool is healthy,
     * yet short enough that a lost buffer fails a run instead of hanging it.
     */
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private FittedSpec() {
    }

    /**
     * A builder for a pool of {@code provider} able to serve requests up to {@code largestRequest}
     * elements with up to {@code mostOut} leases out at once.
     *
     * @param provider the provider that will create the pool
     * @param type the buffer type
     * @param largestRequest the largest capacity the workload asks for
     * @param mostOut the most leases the workload holds at once
     * @param <T> the buffer class
     * @return a builder naming the provider, ready for more settings
     */
    public static <T> PoolSpec.Builder<T> builder(BufferPoolProvider provider, BufferType<T> type,
            int largestRequest, int mostOut) {
        Set<PoolFeature> features = provider.features();
        PoolSpec.Builder<T> spec = PoolSpec.builder(type).provider(provider.name()).name(provider.name());
        if (features.contains(PoolFeature.BOUNDED)) {
            spec.maxBuffers(mostOut).bufferCapacity(Math.max(1, largestRequest));
        }
        if (features.contains(PoolFeature.BLOCKING)) {
            spec.maxWait(MAX_WAIT);
        }
        return spec;
    }

    /**
     * Creates a pool of {@code provider} from {@link #builder} directly, without the discovery
     * facade, so that any provider instance can be given.
     *
     * @param provider the provider
     * @param type the buffer type
     * @param largestRequest the largest capacity the workload asks for
     * @param mostOut the most leases the workload holds at once
     * @param <T> the buffer class
     * @return a new open pool, owned by the caller
     */
    public static <T> BufferPool<T> open(BufferPoolProvider provider, BufferType<T> type,
            int largestRequest, int mostOut) {
        return provider.create(builder(provider, type, largestRequest, mostOut).build());
    }
}
