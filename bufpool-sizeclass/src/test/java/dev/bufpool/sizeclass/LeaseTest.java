package dev.bufpool.sizeclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import org.junit.jupiter.api.Test;

class LeaseTest {

    @Test
    void aStaleLeaseCannotGiveBackTheNextHoldersBuffer() {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY).build()) {
            Lease<byte[]> stale = pool.acquire(10);
            byte[] buffer = stale.buffer();
            stale.close();
            try (Lease<byte[]> current = pool.acquire(10)) {
                assertSame(buffer, current.buffer(), "reused at once from the thread cache");
                stale.close();
                try (Lease<byte[]> other = pool.acquire(10)) {
                    assertNotSame(buffer, other.buffer(), "the stale close put nothing back");
                }
                assertSame(buffer, current.buffer());
            }
            assertThrows(IllegalStateException.class, stale::buffer);
            assertEquals(4096, stale.capacity(), "capacity still answers after close");
        }
    }

    @Test
    void buffersClosedOnAnotherThreadAreReusedFromTheFreeList() throws Exception {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .threadCacheSize(0).build()) {
            Lease<byte[]> lease = pool.acquire(70_000);
            byte[] buffer = lease.buffer();
            Workers.runAndJoin(lease::close);
            assertEquals(1, pool.freeBuffers(262_144));
            try (Lease<byte[]> again = pool.acquire(200_000)) {
                assertSame(buffer, again.buffer());
            }
            assertEquals(1, pool.stats().allocations());
        }
    }
}
