package dev.bufpool.sharded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShardedBufferPoolTest {

    private final ShardedBufferPool<byte[]> pool = ShardedBufferPool.builder(BufferTypes.BYTE_ARRAY)
            .name("test").shards(4).maxIdleBuffers(64).trimCapacity(1 << 16).threadCacheSize(4).build();

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void allocatesRequestsRoundedUpToAPowerOfTwo() {
        try (Lease<byte[]> lease = pool.acquire(1000)) {
            assertEquals(1024, lease.buffer().length);
            assertEquals(1024, lease.capacity());
        }
        try (Lease<byte[]> lease = pool.acquire(0)) {
            assertTrue(lease.buffer().length >= 0);
        }
    }

    @Test
    void roundingNeverGoesAboveTrimCapacity() {
        ShardedBufferPool<float[]> floats = ShardedBufferPool.builder(BufferTypes.FLOAT_ARRAY)
                .trimCapacity(200_000).build();
        try (Lease<float[]> lease = floats.acquire(150_000)) {
            assertEquals(200_000, lease.buffer().length);
        }
        assertEquals(1, floats.stats().idleBuffers(), "a buffer rounded to the trim capacity is kept");
        floats.close();
    }

    @Test
    void bufferReleasedOnTheSameThreadIsReused() {
        byte[] first;
        try (Lease<byte[]> lease = pool.acquire(4096)) {
            first = lease.buffer();
        }
        try (Lease<byte[]> lease = pool.acquire(4096)) {
            assertSame(first, lease.buffer());
        }
        PoolStats stats = pool.stats();
        assertEquals(1, stats.allocations());
        assertEquals(1, stats.idleBuffers());
        assertEquals(4096, stats.idleBytes());
    }

    @Test
    void keptBufferTooSmallForARequestIsReplacedByALargerOne() {
        pool.acquire(100).close();
        try (Lease<byte[]> lease = pool.acquire(5000)) {
            assertEquals(8192, lease.buffer().length);
        }
        PoolStats stats = pool.stats();
        assertEquals(2, stats.allocations());
        assertEquals(1, stats.drops());
        assertEquals(1, stats.idleBuffers());
    }

    @Test
    void bufferAboveTrimCapacityIsDroppedNotKept() {
        try (Lease<byte[]> lease = pool.acquire((1 << 16) + 1)) {
            assertEquals((1 << 16) + 1, lease.buffer().length);
        }
        assertEquals(0, pool.stats().idleBuffers());
        assertEquals(1, pool.stats().drops());
    }

    @Test
    void idleBuffersNeverExceedMaxIdleBuffers() {
        List<Lease<byte[]>> leases = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            leases.add(pool.acquire(64));
        }
        leases.forEach(Lease::close);
        PoolStats stats = pool.stats();
        assertTrue(stats.idleBuffers() <= 64, "idle " + stats.idleBuffers());
        assertEquals(200, stats.allocations());
        assertEquals(200, stats.idleBuffers() + stats.drops());
    }

    @Test
    void idleBoundHoldsAcrossManyThreadsWithCaches() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            threads.add(new Thread(() -> {
                List<Lease<byte[]>> mine = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    mine.add(pool.acquire(64));
                }
                mine.forEach(Lease::close);
            }));
        }
        for (Thread t : threads) {
            t.start();
            t.join();
        }
        assertTrue(pool.stats().idleBuffers() <= 64, "idle " + pool.stats().idleBuffers());
    }

    @Test
    void buffersReleasedOnAnotherThreadAreFoundAgainByStealing() throws Exception {
        List<Lease<byte[]>> leases = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            leases.add(pool.acquire(512));
        }
        Thread releaser = new Thread(() -> leases.forEach(Lease::close));
        releaser.start();
        releaser.join();
        long allocated = pool.stats().allocations();
        // 4 sit in the ended releaser's cache until reclaimed; the other 16 went to the shards
        for (int i = 0; i < 16; i++) {
            pool.acquire(512);
        }
        assertEquals(allocated, pool.stats().allocations(), "stolen buffers must serve, not new ones");
    }

    @Test
    void cacheOfAnEndedThreadComesBackToThePool() throws Exception {
        Thread worker = new Thread(() -> {
            List<Lease<byte[]>> mine = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                mine.add(pool.acquire(128));
            }
            mine.forEach(Lease::close);
        });
        worker.start();
        worker.join();
        assertEquals(4, pool.stats().idleBuffers());
        pool.trim();
        PoolStats stats = pool.stats();
        assertEquals(4, stats.trims(), "the ended thread's cached buffers were reclaimed and trimmed");
        assertEquals(0, stats.idleBuffers());
    }

    @Test
    void trimDropsIdleBuffersAndThePoolStillWorks() {
        pool.acquire(64).close();
        pool.trim();
        assertEquals(0, pool.stats().idleBuffers());
        assertEquals(1, pool.stats().trims());
        try (Lease<byte[]> lease = pool.acquire(64)) {
            assertEquals(64, lease.buffer().length);
        }
    }

    @Test
    void byteBufferLeaseIsClearedAndResetAfterAHolderChangedIt() {
        ShardedBufferPool<ByteBuffer> buffers = ShardedBufferPool.builder(BufferTypes.DIRECT_BYTE_BUFFER).build();
        try (Lease<ByteBuffer> lease = buffers.acquire(100)) {
            lease.buffer().position(10).limit(50);
            lease.buffer().order(ByteOrder.LITTLE_ENDIAN);
        }
        try (Lease<ByteBuffer> lease = buffers.acquire(60)) {
            ByteBuffer b = lease.buffer();
            assertEquals(0, b.position());
            assertEquals(60, b.limit());
            assertEquals(128, b.capacity());
            assertEquals(ByteOrder.BIG_ENDIAN, b.order());
        }
        buffers.close();
    }

    @Test
    void closedPoolRefusesAcquireAndDiscardsLateReturns() {
        Lease<byte[]> late = pool.acquire(64);
        pool.acquire(64).close();
        pool.close();
        assertEquals(0, pool.stats().idleBuffers());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.acquire(1));
        assertEquals("pool test is closed", e.getMessage());
        late.close();
        assertEquals(0, pool.stats().idleBuffers());
        pool.close();
    }

    @Test
    void preallocateWarmsTheShards() {
        ShardedBufferPool<byte[]> warm = ShardedBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .shards(4).maxIdleBuffers(32).bufferCapacity(2048).preallocate(8).build();
        assertEquals(8, warm.stats().idleBuffers());
        assertEquals(8 * 2048, warm.stats().idleBytes());
        try (Lease<byte[]> lease = warm.acquire(100)) {
            assertEquals(2048, lease.buffer().length);
        }
        assertEquals(0, warm.stats().allocations(), "preallocated buffers are not misses");
        assertEquals(0, warm.preallocate(0, 16));
        warm.close();
    }

    @Test
    void preallocatingTheWholeIdleBoundKeepsEveryBuffer() {
        ShardedBufferPool<byte[]> full = ShardedBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .maxIdleBuffers(8).bufferCapacity(1024).preallocate(8).build();
        assertEquals(8, full.stats().idleBuffers());
        full.close();
    }

    @Test
    void preallocateStopsWhenTheShardsAreFull() {
        assertEquals(pool.maxIdleBuffers() / 2, pool.preallocate(1000, 16));
    }

    @Test
    void defaultsAreDocumentedOnes() {
        ShardedBufferPool<byte[]> defaults = ShardedBufferPool.builder(BufferTypes.BYTE_ARRAY).build();
        int shards = defaults.shardCount();
        assertTrue(shards >= 4 && shards <= 64 && Integer.bitCount(shards) == 1, "shards " + shards);
        assertTrue(shards >= Runtime.getRuntime().availableProcessors() || shards == 64);
        assertEquals(256, defaults.maxIdleBuffers());
        assertEquals(1 << 20, defaults.trimCapacity());
        assertEquals(4, defaults.threadCacheSize());
        defaults.close();
    }

    @Test
    void leasesAreDistinctObjectsSoAStaleCloseCannotTouchANewHolder() {
        Lease<byte[]> stale = pool.acquire(64);
        byte[] buffer = stale.buffer();
        stale.close();
        Lease<byte[]> current = pool.acquire(64);
        assertSame(buffer, current.buffer());
        assertNotSame(stale, current);
        stale.close();
        Lease<byte[]> other = pool.acquire(64);
        assertNotSame(buffer, other.buffer(), "a stale close must not have put the buffer back");
        current.close();
        other.close();
    }
}
