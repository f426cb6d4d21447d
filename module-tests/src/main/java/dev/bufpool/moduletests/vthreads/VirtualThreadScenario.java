package dev.bufpool.moduletests.vthreads;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.PoolStats;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a million short-lived virtual threads, each acquiring and closing one buffer, on a pool of
 * every provider found, and prints one line per provider with what the pool retains afterwards:
 * {@code provider=NAME maxIdle=N idleBuffers=N idleBytes=N completed=N}; then, for each provider
 * with idle trimming (bounded pools aside), the same with a {@code maxIdleBytes} bound:
 * {@code provider=NAME maxIdleBytes=N idleBuffers=N idleBytes=N completed=N}. Needs JDK 21+; the jar
 * targets 17, so virtual threads are reached reflectively. Run in a child JVM by the tests when
 * they themselves run on an older JDK but a newer one is installed.
 */
public final class VirtualThreadScenario {

    /** How many virtual threads each provider gets, unless the first argument says otherwise. */
    public static final int DEFAULT_THREADS = 1_000_000;
    /** The idle bound given to every pool that honours one. */
    public static final int MAX_IDLE = 64;
    /** The idle byte bound given to every pool with idle trimming: 16 buffers of 1 KiB. */
    public static final long MAX_IDLE_BYTES = 16 * 1024;
    /** The most virtual threads alive at once. */
    private static final int IN_FLIGHT = 10_000;

    private VirtualThreadScenario() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_THREADS;
        for (BufferPoolProvider provider : BufferPools.providers()) {
            PoolSpec<byte[]> spec = FittedSpec.builder(provider, BufferTypes.BYTE_ARRAY, 1024, MAX_IDLE)
                    .name("virtual-" + provider.name()).maxIdleBuffers(MAX_IDLE).build();
            try (BufferPool<byte[]> pool = BufferPools.create(spec)) {
                long completed = run(pool, threads);
                PoolStats stats = pool.stats();
                System.out.printf("provider=%s maxIdle=%d idleBuffers=%d idleBytes=%d completed=%d%n",
                        provider.name(), MAX_IDLE, stats.idleBuffers(), stats.idleBytes(), completed);
            }
            if (provider.features().contains(PoolFeature.IDLE_TRIM) && !provider.features().contains(PoolFeature.BOUNDED)) {
                PoolSpec<byte[]> trimmed = FittedSpec.builder(provider, BufferTypes.BYTE_ARRAY, 1024, MAX_IDLE)
                        .name("virtual-trimmed-" + provider.name()).maxIdleBytes(MAX_IDLE_BYTES).build();
                try (BufferPool<byte[]> pool = BufferPools.create(trimmed)) {
                    long completed = run(pool, threads);
                    PoolStats stats = pool.stats();
                    System.out.printf("provider=%s maxIdleBytes=%d idleBuffers=%d idleBytes=%d completed=%d%n",
                            provider.name(), MAX_IDLE_BYTES, stats.idleBuffers(), stats.idleBytes(), completed);
                }
            }
        }
    }

    private static long run(BufferPool<byte[]> pool, int threads) throws Exception {
        LongAdder completed = new LongAdder();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        // At most this many virtual threads alive at once: a million queued at once would need a
        // gigabyte of stacks, and the scenario is about many short-lived threads, not a heap limit.
        Semaphore alive = new Semaphore(IN_FLIGHT);
        ExecutorService executor = (ExecutorService) Executors.class
                .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        try {
            for (int i = 0; i < threads; i++) {
                alive.acquire();
                executor.execute(() -> {
                    try (Lease<byte[]> lease = pool.acquire(1024)) {
                        lease.buffer()[0] = 1;
                        completed.increment();
                    } catch (RuntimeException | Error e) {
                        firstFailure.compareAndSet(null, e);
                    } finally {
                        alive.release();
                    }
                });
            }
        } finally {
            executor.shutdown();
            if (!executor.awaitTermination(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("virtual threads did not finish in 5 minutes");
            }
        }
        if (firstFailure.get() != null) {
            System.out.println("first failure: " + firstFailure.get());
            firstFailure.get().printStackTrace(System.out);
        }
        return completed.sum();
    }
}
