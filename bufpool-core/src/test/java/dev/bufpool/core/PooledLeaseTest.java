package dev.bufpool.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.SharedBuffer;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PooledLeaseTest {

    private final TestRecycler pool = new TestRecycler(true);
    private final ByteBuffer buffer = ByteBuffer.allocate(16);

    @Test
    void closeRecyclesOnceHoweverOftenCalled() {
        PooledLease<ByteBuffer> lease = new PooledLease<>(pool, buffer);
        lease.close();
        lease.close();
        assertEquals(List.of(buffer), pool.recycled);
    }

    @Test
    void bufferAfterCloseThrowsButCapacityStillAnswers() {
        PooledLease<ByteBuffer> lease = new PooledLease<>(pool, buffer);
        assertSame(buffer, lease.buffer());
        lease.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, lease::buffer);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(16, lease.capacity());
    }

    @Test
    void shareUsesUpTheLeaseAndTheLastHolderRecycles() {
        PooledLease<ByteBuffer> lease = new PooledLease<>(pool, buffer);
        SharedBuffer<ByteBuffer> first = lease.share();
        assertThrows(IllegalStateException.class, lease::buffer);
        assertThrows(IllegalStateException.class, lease::share);
        lease.close();
        SharedBuffer<ByteBuffer> second = first.retain();
        first.close();
        first.close();
        assertTrue(pool.recycled.isEmpty(), "recycled while a holder remains");
        second.close();
        assertEquals(List.of(buffer), pool.recycled);
    }

    @Test
    void sharedViewsAreReadOnlyAndIndependent() {
        buffer.put(0, (byte) 42).limit(8);
        SharedBuffer<ByteBuffer> first = new PooledLease<>(pool, buffer).share();
        SharedBuffer<ByteBuffer> second = first.retain();
        assertThrows(ReadOnlyBufferException.class, () -> first.buffer().put(0, (byte) 1));
        first.buffer().position(5);
        assertEquals(0, second.buffer().position());
        assertEquals(8, second.buffer().limit());
        assertEquals(42, second.buffer().get(0));
        first.close();
        second.close();
    }

    @Test
    void closedHandleRefusesBufferAndRetain() {
        SharedBuffer<ByteBuffer> shared = new PooledLease<>(pool, buffer).share();
        shared.close();
        assertThrows(IllegalStateException.class, shared::buffer);
        assertThrows(IllegalStateException.class, shared::retain);
        assertEquals(1, pool.recycled.size());
    }

    @Test
    void shareOnAPoolWithoutSharingIsUnsupportedAndLeavesTheLeaseOpen() {
        PooledLease<ByteBuffer> lease = new PooledLease<>(new TestRecycler(false), buffer);
        assertThrows(UnsupportedOperationException.class, lease::share);
        assertSame(buffer, lease.buffer());
    }

    /** Holders on four threads each close their handle twice: the buffer comes back exactly once. */
    @Test
    void concurrentClosesOfSharedHandlesRecycleExactlyOnce() throws Exception {
        for (int round = 0; round < 500; round++) {
            TestRecycler recycler = new TestRecycler(true);
            SharedBuffer<ByteBuffer> first = new PooledLease<>(recycler, ByteBuffer.allocate(4)).share();
            List<SharedBuffer<ByteBuffer>> handles = new ArrayList<>(List.of(first));
            for (int i = 0; i < 3; i++) {
                handles.add(first.retain());
            }
            List<Thread> threads = new ArrayList<>();
            for (SharedBuffer<ByteBuffer> handle : handles) {
                threads.add(new Thread(() -> {
                    handle.close();
                    handle.close();
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(1, recycler.recycled.size(), "round " + round);
        }
    }

    @Test
    void aRetainedViewStartsWhereTheBufferWasWhenSharedNotWhereTheRetainerReadTo() {
        buffer.put((byte) 1).put((byte) 2).flip();
        SharedBuffer<ByteBuffer> first = new PooledLease<>(pool, buffer).share();
        first.buffer().get();
        first.buffer().get();
        SharedBuffer<ByteBuffer> second = first.retain();
        assertEquals(0, second.buffer().position());
        assertEquals(2, second.buffer().limit());
        first.close();
        second.close();
    }
}
