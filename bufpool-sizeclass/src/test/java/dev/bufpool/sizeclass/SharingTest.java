package dev.bufpool.sizeclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.SharedBuffer;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SharingTest {

    private static final int HOLDERS = 6;
    private static final int ROUNDS = 200;

    /** No thread cache: a buffer given back lands in the free list, where the test can count it. */
    private static SizeClassBufferPool<byte[]> uncachedBytes() {
        return SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY).threadCacheSize(0).build();
    }

    @Test
    void aSharedLeaseIsUsedUpAndTheBufferWaitsForItsLastHolder() {
        try (SizeClassBufferPool<byte[]> pool = uncachedBytes()) {
            Lease<byte[]> lease = pool.acquire(100);
            byte[] buffer = lease.buffer();
            SharedBuffer<byte[]> shared = lease.share();
            assertThrows(IllegalStateException.class, lease::buffer);
            assertThrows(IllegalStateException.class, lease::share);
            lease.close();
            assertEquals(0, pool.freeBuffers(4096), "closing the used-up lease gives nothing back");

            SharedBuffer<byte[]> other = shared.retain();
            assertSame(buffer, other.buffer());
            shared.close();
            shared.close();
            assertEquals(0, pool.freeBuffers(4096), "a holder is left");
            assertThrows(IllegalStateException.class, shared::buffer);
            assertThrows(IllegalStateException.class, shared::retain);

            other.close();
            assertEquals(1, pool.freeBuffers(4096), "the last close gives it back");
            other.close();
            assertEquals(1, pool.freeBuffers(4096), "an extra close gives back nothing more");
            assertEquals(4096, other.capacity(), "capacity still answers after close");
        }
    }

    @Test
    void sharedByteBuffersAreReadOnlyViewsOfTheData() {
        try (SizeClassBufferPool<ByteBuffer> pool = SizeClassBufferPool.builder(BufferTypes.HEAP_BYTE_BUFFER).build()) {
            Lease<ByteBuffer> lease = pool.acquire(10);
            lease.buffer().put(0, (byte) 7);
            try (SharedBuffer<ByteBuffer> shared = lease.share(); SharedBuffer<ByteBuffer> other = shared.retain()) {
                for (SharedBuffer<ByteBuffer> handle : List.of(shared, other)) {
                    ByteBuffer view = handle.buffer();
                    assertTrue(view.isReadOnly());
                    assertEquals(7, view.get(0));
                    assertEquals(10, view.limit());
                    assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 1));
                }
            }
        }
    }

    @Test
    void holdersOnManyThreadsGiveTheBufferBackExactlyOnce() throws Exception {
        try (SizeClassBufferPool<byte[]> pool = uncachedBytes()) {
            for (int round = 0; round < ROUNDS; round++) {
                Lease<byte[]> lease = pool.acquire(4096);
                byte[] buffer = lease.buffer();
                buffer[0] = (byte) round;
                SharedBuffer<byte[]> mine = lease.share();
                CyclicBarrier start = new CyclicBarrier(HOLDERS + 1);
                List<Workers.Started> holders = new ArrayList<>();
                for (int h = 0; h < HOLDERS; h++) {
                    SharedBuffer<byte[]> handle = mine.retain();
                    int expected = (byte) round;
                    holders.add(Workers.start(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        assertEquals(expected, handle.buffer()[0], "the sharer's write is visible");
                        handle.close();
                        handle.close();
                    }));
                }
                start.await(10, TimeUnit.SECONDS);
                mine.close();
                for (Workers.Started holder : holders) {
                    Workers.join(holder);
                }
                assertEquals(1, pool.freeBuffers(4096), "round " + round + ": back exactly once");
            }
            assertEquals(1, pool.stats().allocations(), "every round reused the one buffer");
            assertEquals(0, pool.stats().drops());
        }
    }

    @Test
    void aBufferWhoseLastHolderEndedInAThreadCacheComesBackOnTrim() throws Exception {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .preallocate(4096, 1).build()) {
            Lease<byte[]> lease = pool.acquire(1);
            byte[] buffer = lease.buffer();
            SharedBuffer<byte[]> shared = lease.share();
            SharedBuffer<byte[]> handle = shared.retain();
            shared.close();
            Workers.runAndJoin(handle::close);
            assertEquals(0, pool.freeBuffers(4096), "in the last holder's thread cache");
            pool.trim();
            assertEquals(1, pool.freeBuffers(4096));
            try (Lease<byte[]> again = pool.acquire(1)) {
                assertSame(buffer, again.buffer());
            }
        }
    }
}
