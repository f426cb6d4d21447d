package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.PoolStats;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pool gives virtual threads no private caches that strand buffers: a million short-lived virtual
 * threads, each making one acquire/close pair, leave the memory the pool retains bounded. Runs on
 * JDK 21 and later (skipped before); the module is compiled for 17, so virtual threads are reached
 * through reflection.
 */
class VirtualThreadContractTest {

    private static final int THREADS = 1_000_000;
    /** Far below one buffer per thread, far above what a few shards and caches hold. */
    private static final long MOST_IDLE = 4096;

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void aMillionShortLivedVirtualThreadsLeaveRetainedMemoryBounded(BufferPoolProvider provider) throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21 or later");
        ExecutorService virtualThreads = (ExecutorService) Executors.class
                .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        try (BufferPool<byte[]> pool = ContractKit.bytes(provider)) {
            for (int i = 0; i < THREADS; i++) {
                virtualThreads.execute(() -> pool.acquire(1024).close());
            }
            virtualThreads.shutdown();
            assertTrue(virtualThreads.awaitTermination(60, TimeUnit.SECONDS), "virtual threads did not finish");
            PoolStats stats = pool.stats();
            assertTrue(stats.idleBuffers() <= MOST_IDLE, () -> "retained after a million virtual threads: " + stats);
            assertTrue(stats.idleBytes() <= MOST_IDLE * 1024, () -> "retained after a million virtual threads: " + stats);
        } finally {
            virtualThreads.shutdownNow();
        }
    }
}
