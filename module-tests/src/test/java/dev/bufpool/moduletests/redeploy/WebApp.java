package dev.bufpool.moduletests.redeploy;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The web application the redeploy tests deploy. It is never loaded by the test's own class loader:
 * its class file is copied beside the library's jars, and a fresh class loader loads it with them,
 * as a container loads a web application. The container reaches it only through JDK interfaces:
 * constructing it deploys the application (one pool per provider named, idle trimming on,
 * optionally decorated with {@code stats}), {@link #run()} is one request that uses every pool on
 * the calling thread, {@link #get()} names the pools, {@link #close()} undeploys (closes every
 * pool).
 */
public final class WebApp implements Runnable, Supplier<List<String>>, AutoCloseable {

    /** The largest buffer a request uses, in bytes; a bounded pool's buffers have this capacity. */
    static final int LARGEST = 4096;

    /** Where a careless application keeps its pools: a static field, never cleared. */
    private static final List<BufferPool<byte[]>> KEPT = new ArrayList<>();

    private final List<BufferPool<byte[]>> pools = new ArrayList<>();

    /**
     * Deploys: creates a pool for each provider named, through {@link BufferPools#create}.
     *
     * @param providers provider names separated by commas; empty for one pool of the provider
     *        {@code BufferPools} chooses, as a new user's first pool is made
     * @param stats whether each pool is decorated with {@code stats} (an MBean per pool)
     */
    public WebApp(String providers, boolean stats) {
        this(providers, stats, false);
    }

    /**
     * As {@link #WebApp(String, boolean)}; with {@code kept}, the pools are also held in a static
     * field, as by an application that keeps them in a static cache.
     */
    public WebApp(String providers, boolean stats, boolean kept) {
        String prefix = getClass().getClassLoader().getName();
        if (providers.isEmpty()) {
            pools.add(BufferPools.create(unbounded(PoolSpec.builder(BufferTypes.BYTE_ARRAY), stats)
                    .name(prefix + "/default").build()));
        }
        for (String provider : providers.isEmpty() ? new String[0] : providers.split(",")) {
            PoolSpec.Builder<byte[]> spec = PoolSpec.builder(BufferTypes.BYTE_ARRAY)
                    .provider(provider).name(prefix + "/" + provider);
            if (BufferPools.provider(provider).features().contains(PoolFeature.BOUNDED)) {
                spec.idleTimeout(Duration.ofSeconds(30)).maxBuffers(16).bufferCapacity(LARGEST)
                        .maxWait(Duration.ofSeconds(30));
                if (stats) {
                    spec.decorate("stats");
                }
            } else {
                unbounded(spec, stats);
            }
            pools.add(BufferPools.create(spec.build()));
        }
        if (kept) {
            KEPT.addAll(pools);
        }
    }

    /** Idle trimming as the issue asks for it, and the decorator if wanted. */
    private static PoolSpec.Builder<byte[]> unbounded(PoolSpec.Builder<byte[]> spec, boolean stats) {
        spec.idleTimeout(Duration.ofSeconds(30)).maxIdleBytes(1 << 24);
        return stats ? spec.decorate("stats") : spec;
    }

    /** One request: acquires and gives back a few buffers of every pool, so this thread's caches fill. */
    @Override
    public void run() {
        for (BufferPool<byte[]> pool : pools) {
            for (int i = 0; i < 8; i++) {
                try (Lease<byte[]> lease = pool.acquire(LARGEST - i)) {
                    lease.buffer()[0] = (byte) i;
                }
            }
        }
    }

    /** @return the names of the pools, in the order of the providers named */
    @Override
    public List<String> get() {
        List<String> names = new ArrayList<>();
        pools.forEach(pool -> names.add(pool.name()));
        return names;
    }

    /** Undeploys: closes every pool, as a {@code ServletContextListener}'s {@code contextDestroyed} would. */
    @Override
    public void close() {
        pools.forEach(BufferPool::close);
    }
}
