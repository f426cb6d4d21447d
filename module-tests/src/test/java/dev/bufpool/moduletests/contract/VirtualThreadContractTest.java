package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolStats;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pool gives virtual threads no private caches that strand buffers: a million short-lived virtual
 * threads, each making one acquire/close pair, leave the memory the pool retains bounded. Runs on
 * JDK 21 and later: below that its sources give no case (the suite checks virtual threads in a JDK 21+
 * child JVM instead, see {@code VirtualThreadsTest}). The module is compiled for 17, so virtual
 * threads are reached through reflection.
 */
class VirtualThreadContractTest {

    private static final int THREADS = 1_000_000;
    private static final int IN_FLIGHT = 10_000;
    /** Far below one buffer per thread, far above what a few shards and caches hold. */
    private static final long MOST_IDLE = 4096;

    private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;

    static Stream<Named<BufferPoolProvider>> everyProviderOnVirtualThreads() {
        return VIRTUAL_THREADS ? ContractKit.providers() : Stream.empty();
    }

    static Stream<Named<BufferPoolProvider>> trimmingUnboundedProvidersOnVirtualThreads() {
        return VIRTUAL_THREADS ? ContractKit.providers(new ContractKit.Applicability(List.of(PoolFeature.IDLE_TRIM),
                List.of(PoolFeature.BOUNDED))) : Stream.empty();
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("everyProviderOnVirtualThreads")
    void aMillionShortLivedVirtualThreadsLeaveRetainedMemoryBounded(BufferPoolProvider provider) throws Exception {
        try (BufferPool<byte[]> pool = ContractKit.bytes(provider)) {
            PoolStats stats = runMillion(pool);
            assertTrue(stats.idleBuffers() <= MOST_IDLE, () -> "retained after a million virtual threads: " + stats);
            assertTrue(stats.idleBytes() <= MOST_IDLE * 1024, () -> "retained after a million virtual threads: " + stats);
        }
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("trimmingUnboundedProvidersOnVirtualThreads")
    void aMillionVirtualThreadsLeaveIdleBytesUnderMaxIdleBytes(BufferPoolProvider provider) throws Exception {
        long bound = 16 * 1024;
        try (BufferPool<byte[]> pool = provider.create(FittedSpec.builder(provider, BufferTypes.BYTE_ARRAY, 1024,
                ContractKit.MOST_OUT).maxIdleBytes(bound).build())) {
            PoolStats stats = runMillion(pool);
            assertTrue(stats.idleBytes() <= bound, () -> "maxIdleBytes=" + bound + ", after a million: " + stats);
        }
    }

    private static PoolStats runMillion(BufferPool<byte[]> pool) throws Exception {
        ExecutorService virtualThreads = (ExecutorService) Executors.class
                .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        // At most IN_FLIGHT alive at once: a million queued at once would need a gigabyte of stacks.
        Semaphore alive = new Semaphore(IN_FLIGHT);
        try {
            for (int i = 0; i < THREADS; i++) {
                alive.acquire();
                virtualThreads.execute(() -> {
                    try {
                        pool.acquire(1024).close();
                    } finally {
                        alive.release();
                    }
                });
            }
            virtualThreads.shutdown();
            assertTrue(virtualThreads.awaitTermination(60, TimeUnit.SECONDS), "virtual threads did not finish");
            return pool.stats();
        } finally {
            virtualThreads.shutdownNow();
        }
    }
}
