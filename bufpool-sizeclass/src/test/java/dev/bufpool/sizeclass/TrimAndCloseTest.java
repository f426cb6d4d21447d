package dev.bufpool.sizeclass;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TrimAndCloseTest {

    private static void acquireAndClose(SizeClassBufferPool<byte[]> pool, int size, int count) {
        List<Lease<byte[]>> leases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leases.add(pool.acquire(size));
        }
        leases.forEach(Lease::close);
    }

    @Test
    void preallocatedBuffersAreIdleFromTheStartAndNotCountedAsAllocations() {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .preallocate(4096, 3).preallocate(1_048_576, 1).build()) {
            assertEquals(3, pool.freeBuffers(4096));
            assertEquals(1, pool.freeBuffers(1_048_576));
            assertEquals(0, pool.freeBuffers(65_536));
            PoolStats stats = pool.stats();
            assertEquals(4, stats.idleBuffers());
            assertEquals(3 * 4096 + 1_048_576, stats.idleBytes());
            acquireAndClose(pool, 100, 3);
            assertEquals(0, pool.stats().allocations());
        }
    }

    @Test
    void trimDropsIdleBuffersAboveEachClasssPreallocatedCount() {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .threadCacheSize(0).preallocate(4096, 2).preallocate(65_536, 1).build()) {
            acquireAndClose(pool, 4096, 5);
            acquireAndClose(pool, 65_536, 3);
            acquireAndClose(pool, 262_144, 2);
            assertEquals(5, pool.freeBuffers(4096));
            assertEquals(3, pool.freeBuffers(65_536));
            assertEquals(2, pool.freeBuffers(262_144));

            pool.trim();

            assertEquals(2, pool.freeBuffers(4096));
            assertEquals(1, pool.freeBuffers(65_536));
            assertEquals(0, pool.freeBuffers(262_144));
            assertEquals(3 + 2 + 2, pool.stats().trims());
        }
    }

    @Test
    void trimEmptiesTheCallersCacheToo() {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY).build()) {
            acquireAndClose(pool, 10, 2);
            assertEquals(0, pool.freeBuffers(4096), "closed into the thread's cache");
            assertEquals(2, pool.stats().idleBuffers());

            pool.trim();

            PoolStats stats = pool.stats();
            assertEquals(0, stats.idleBuffers(), () -> stats.toString());
            assertEquals(2, stats.trims(), () -> stats.toString());
        }
    }

    @Test
    void eachClassKeepsAtMostItsMaxIdle() {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .threadCacheSize(0).maxIdle(4096, 2).maxIdle(65_536, 0).build()) {
            acquireAndClose(pool, 4096, 5);
            acquireAndClose(pool, 65_536, 2);
            assertEquals(2, pool.freeBuffers(4096));
            assertEquals(0, pool.freeBuffers(65_536));
            assertEquals(5, pool.stats().drops());
            assertEquals(2, pool.maxIdle(4096));
        }
    }

    @Test
    void theDefaultIdleBoundsKeepAboutFourMebiElementsAClass() {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .preallocate(1_048_576, 12).build()) {
            assertEquals(256, pool.maxIdle(4096));
            assertEquals(64, pool.maxIdle(65_536));
            assertEquals(16, pool.maxIdle(262_144));
            assertEquals(12, pool.maxIdle(1_048_576), "raised to the preallocation");
        }
    }

    @Test
    void maxIdleBuffersBoundsTheWholePoolCachesIncluded() {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .maxIdleBuffers(3).build()) {
            acquireAndClose(pool, 4096, 6);
            acquireAndClose(pool, 65_536, 6);
            PoolStats stats = pool.stats();
            assertTrue(stats.idleBuffers() <= 3, () -> "maxIdleBuffers=3: " + stats);
            assertEquals(12, stats.idleBuffers() + stats.drops(), () -> "every buffer kept or dropped: " + stats);
        }
    }

    @Test
    void closeDropsEveryIdleBufferAndRefusesAcquisitions() {
        SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .name("closing").preallocate(4096, 4).build();
        acquireAndClose(pool, 70_000, 2);
        Lease<byte[]> out = pool.acquire(10);

        pool.close();

        assertEquals(0, pool.stats().idleBuffers());
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> pool.acquire(1));
        assertTrue(closed.getMessage().contains("closing"), closed::getMessage);
        assertThrows(IllegalStateException.class, () -> pool.tryAcquire(1));
        assertThrows(IllegalStateException.class, () -> pool.tryAcquire(1, 1, TimeUnit.SECONDS));
        long drops = pool.stats().drops();
        out.close();
        assertEquals(drops + 1, pool.stats().drops(), "a lease closed after the pool is discarded");
        assertEquals(0, pool.stats().idleBuffers());
        assertDoesNotThrow(pool::close, "close is idempotent");
        assertDoesNotThrow(pool::trim, "trim of a closed pool does nothing");
    }
}
