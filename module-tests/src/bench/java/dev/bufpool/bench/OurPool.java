package dev.bufpool.bench;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferType;
import dev.bufpool.Lease;
import dev.bufpool.PoolSpec;
import java.time.Duration;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One of this project's pools, made through the facade as a user would: a provider, and a
 * variant of its settings. Every variant pools requests up to the largest the benchmark makes.
 */
@State(Scope.Benchmark)
public class OurPool extends Subject {

    /** The provider, by name. */
    @Param({"sharded", "sizeclass", "bounded"})
    public String provider;

    /**
     * {@code plain}; {@code stats}: decorated with the statistics decorator; {@code trimming}: idle
     * trimming on (a 30 s timeout, 64 MiB of idle bytes at most, the timer running).
     */
    @Param({"plain", "stats", "trimming"})
    public String variant;

    private static final int BOUNDED_BUFFERS = 8;

    BufferPool<?> pool;

    @Setup(Level.Trial)
    public void open(Request request) {
        pool = BufferPools.create(spec(request.type(), provider, variant, request.bytes, boundedBuffers()).build());
    }

    /**
     * The bounded provider's {@code maxBuffers}: {@value #BOUNDED_BUFFERS}, more than the threads of
     * any benchmark that holds one buffer a thread. A benchmark whose threads hold more at once
     * sizes the pool for them.
     */
    int boundedBuffers() {
        return BOUNDED_BUFFERS;
    }

    /**
     * @param type the buffer type
     * @param provider {@code sharded}, {@code sizeclass} or {@code bounded}
     * @param variant {@code plain}, {@code stats} or {@code trimming}
     * @param largest the largest request the benchmark makes, pooled by every provider
     * @return the spec
     */
    static <T> PoolSpec.Builder<T> spec(BufferType<T> type, String provider, String variant, int largest) {
        return spec(type, provider, variant, largest, BOUNDED_BUFFERS);
    }

    private static <T> PoolSpec.Builder<T> spec(BufferType<T> type, String provider, String variant, int largest,
            int boundedBuffers) {
        PoolSpec.Builder<T> spec = PoolSpec.builder(type).provider(provider);
        switch (provider) {
            case "sharded":
                spec.trimCapacity(Math.max(largest, 1 << 20));
                break;
            case "sizeclass":
                break;
            case "bounded":
                spec.maxBuffers(boundedBuffers).bufferCapacity(largest).maxWait(Duration.ofSeconds(10));
                break;
            default:
                throw new IllegalArgumentException("provider must be sharded, sizeclass or bounded, not " + provider);
        }
        switch (variant) {
            case "plain":
                return spec;
            case "stats":
                return spec.decorate("stats");
            case "trimming":
                return spec.idleTimeout(Duration.ofSeconds(30)).maxIdleBytes(64L << 20);
            default:
                throw new IllegalArgumentException("variant must be plain, stats or trimming, not " + variant);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }

    @Override
    long retainedBytes() {
        return pool.stats().idleBytes();
    }

    /**
     * Acquire, touch, release.
     *
     * @param pool the pool
     * @param bytes the request
     * @return the byte read
     */
    static <T> byte use(BufferPool<T> pool, int bytes) {
        try (Lease<T> lease = pool.acquire(bytes)) {
            return Request.touch(lease.buffer());
        }
    }
}
