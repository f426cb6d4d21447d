package dev.bufpool.sizeclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolSpec;
import dev.bufpool.PoolStats;
import org.junit.jupiter.api.Test;

class ExactSizeFallbackTest {

    @Test
    void aRequestAboveTheLargestClassGetsAnExactBufferThatIsNeverKept() {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY).build()) {
            Lease<byte[]> first = pool.acquire(1_048_577);
            byte[] exact = first.buffer();
            assertEquals(1_048_577, exact.length);
            first.close();

            PoolStats stats = pool.stats();
            assertEquals(1, stats.allocations(), () -> "the exact buffer is an allocation: " + stats);
            assertEquals(1, stats.drops(), () -> "the exact buffer is dropped on close: " + stats);
            assertEquals(0, stats.idleBuffers(), () -> "nothing kept: " + stats);
            assertEquals(0, stats.idleBytes(), () -> "nothing kept: " + stats);
            for (int size : pool.sizeClasses()) {
                assertEquals(0, pool.freeBuffers(size));
            }
            try (Lease<byte[]> again = pool.acquire(1_048_577)) {
                assertNotSame(exact, again.buffer(), "a dropped buffer came back");
            }
            assertEquals(2, pool.stats().allocations());
        }
    }

    @Test
    void classBuffersAreKeptWhileExactOnesAreNot() {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .threadCacheSize(0).build()) {
            pool.acquire(1_048_576).close();
            pool.acquire(1_048_577).close();
            assertEquals(1, pool.freeBuffers(1_048_576));
            PoolStats stats = pool.stats();
            assertEquals(1, stats.idleBuffers(), () -> stats.toString());
            assertEquals(1_048_576, stats.idleBytes(), () -> stats.toString());
            assertEquals(1, stats.drops(), () -> stats.toString());
        }
    }

    @Test
    void trimCapacityInASpecTurnsTheClassesAboveItIntoExactSizeRequests() {
        PoolSpec<byte[]> spec = PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("sizeclass")
                .trimCapacity(65_536).threadCacheSize(0).build();
        try (BufferPool<byte[]> pool = SizeClassBufferPool.create(spec)) {
            try (Lease<byte[]> lease = pool.acquire(65_537)) {
                assertEquals(65_537, lease.buffer().length);
            }
            try (Lease<byte[]> lease = pool.acquire(65_536)) {
                assertEquals(65_536, lease.buffer().length);
            }
            PoolStats stats = pool.stats();
            assertEquals(65_536, stats.idleBytes(), () -> "only the class buffer is kept: " + stats);
            assertEquals(1, stats.drops(), () -> stats.toString());
        }
    }

    @Test
    void trimCapacityBelowTheSmallestClassLeavesAPoolThatKeepsNothing() {
        PoolSpec<byte[]> spec = PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("sizeclass")
                .trimCapacity(1024).build();
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.create(spec)) {
            assertEquals(0, pool.sizeClasses().length);
            for (int size : new int[] {0, 1, 1024, 4096}) {
                Lease<byte[]> lease = pool.acquire(size);
                byte[] buffer = lease.buffer();
                assertEquals(size, buffer.length);
                lease.close();
                try (Lease<byte[]> again = pool.acquire(size)) {
                    if (size > 0) {
                        assertNotSame(buffer, again.buffer(), "nothing is kept");
                    }
                }
            }
            PoolStats stats = pool.stats();
            assertEquals(0, stats.idleBuffers(), () -> stats.toString());
            assertEquals(8, stats.allocations(), () -> stats.toString());
            assertEquals(8, stats.drops(), () -> stats.toString());
        }
    }
}
