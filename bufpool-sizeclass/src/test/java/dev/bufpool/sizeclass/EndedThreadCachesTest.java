package dev.bufpool.sizeclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EndedThreadCachesTest {

    private static final int CACHE = 4;

    private static List<byte[]> acquireAndCloseAll(SizeClassBufferPool<byte[]> pool, int count) {
        List<Lease<byte[]>> leases = new ArrayList<>();
        List<byte[]> buffers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Lease<byte[]> lease = pool.acquire(4096);
            leases.add(lease);
            buffers.add(lease.buffer());
        }
        leases.forEach(Lease::close);
        return buffers;
    }

    @Test
    void theBuffersCachedByAnEndedThreadComeBackToThePool() throws Exception {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .threadCacheSize(CACHE).preallocate(4096, CACHE).build()) {
            Set<byte[]> workerBuffers = Collections.newSetFromMap(new IdentityHashMap<>());
            Workers.runAndJoin(() -> workerBuffers.addAll(acquireAndCloseAll(pool, CACHE)));
            assertEquals(0, pool.freeBuffers(4096), "all in the ended thread's cache");
            assertEquals(CACHE, pool.stats().idleBuffers(), "counted as idle while cached");

            pool.trim();

            assertEquals(CACHE, pool.freeBuffers(4096), "back in the free list");
            Set<byte[]> again = Collections.newSetFromMap(new IdentityHashMap<>());
            List<Lease<byte[]>> leases = new ArrayList<>();
            for (int i = 0; i < CACHE; i++) {
                Lease<byte[]> lease = pool.acquire(4096);
                leases.add(lease);
                again.add(lease.buffer());
            }
            assertEquals(workerBuffers, again, "the very buffers the worker cached");
            PoolStats stats = pool.stats();
            assertEquals(0, stats.allocations(), () -> "nothing allocated: " + stats);
            leases.forEach(Lease::close);
        }
    }

    @Test
    void anEndedThreadsBuffersAboveThePreallocatedCountAreTrimmedNotStranded() throws Exception {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .threadCacheSize(CACHE).build()) {
            Workers.runAndJoin(() -> acquireAndCloseAll(pool, CACHE));
            pool.trim();
            PoolStats stats = pool.stats();
            assertEquals(0, stats.idleBuffers(), () -> stats.toString());
            assertEquals(CACHE, stats.trims(), () -> "taken back, then trimmed: " + stats);
        }
    }

    @Test
    void manyShortLivedThreadsLeaveAtMostTheCacheBudgetBehind() throws Exception {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .threadCacheSize(CACHE).maxIdle(4096, 0).maxIdleBuffers(64).build()) {
            for (int i = 0; i < 100; i++) {
                Workers.runAndJoin(() -> acquireAndCloseAll(pool, CACHE));
            }
            PoolStats stats = pool.stats();
            assertTrue(stats.idleBuffers() <= 64, () -> "maxIdleBuffers=64: " + stats);
        }
    }

    static Stream<Workers.VirtualThreads> virtualThreads() {
        return Workers.virtualThreads();
    }

    @ParameterizedTest(name = "on {0}", allowZeroInvocations = true)
    @MethodSource("virtualThreads")
    void virtualThreadsUseTheFreeListsDirectly(Workers.VirtualThreads virtualThreads) throws Exception {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .threadCacheSize(CACHE).build()) {
            virtualThreads.runAndJoin(() -> acquireAndCloseAll(pool, 2));
            assertEquals(2, pool.freeBuffers(4096), "no private cache for a virtual thread");
            assertEquals(2, pool.stats().idleBuffers());
        }
    }
}
