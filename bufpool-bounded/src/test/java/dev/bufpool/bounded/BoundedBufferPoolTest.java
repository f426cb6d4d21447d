package dev.bufpool.bounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolExhaustedException;
import dev.bufpool.PoolStats;
import dev.bufpool.SharedBuffer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedBufferPoolTest {

    private static BoundedBufferPool<byte[]> bytes(int buffers, Duration maxWait) {
        return BoundedBufferPool.builder(BufferTypes.BYTE_ARRAY).name("frames").maxBuffers(buffers)
                .bufferCapacity(1024).maxWait(maxWait).build();
    }

    @Test
    void everyBufferIsCreatedAtConstructionAndReusedAfterwards() {
        try (BoundedBufferPool<byte[]> pool = bytes(3, Duration.ofSeconds(30))) {
            assertEquals(3, pool.size());
            assertEquals(3, pool.available());
            assertEquals(3, pool.stats().idleBuffers());
            Map<byte[], Boolean> seen = new IdentityHashMap<>();
            for (int round = 0; round < 10; round++) {
                try (Lease<byte[]> lease = pool.acquire(1024)) {
                    seen.put(lease.buffer(), true);
                }
            }
            assertTrue(seen.size() <= 3, "only the preallocated buffers are handed out");
            assertEquals(0, pool.stats().allocations(), "nothing allocated after construction");
        }
    }

    @Test
    void availableCountsWhatIsNotOutAndTryAcquireGivesNullWhenNoneIs() {
        try (BoundedBufferPool<byte[]> pool = bytes(2, Duration.ofSeconds(30))) {
            Lease<byte[]> first = pool.acquire(10);
            assertEquals(1, pool.available());
            Lease<byte[]> second = pool.tryAcquire(10);
            assertNotNull(second);
            assertNotSame(first.buffer(), second.buffer());
            assertEquals(0, pool.available());
            assertNull(pool.tryAcquire(10));
            first.close();
            assertEquals(1, pool.available());
            second.close();
            assertEquals(2, pool.available());
        }
    }

    @Test
    void anExhaustedAcquireThrowsNamingThePoolTheSizeTheWaitAndTheLeasesOut() {
        try (BoundedBufferPool<byte[]> pool = bytes(1, Duration.ofMillis(20))) {
            Lease<byte[]> held = pool.acquire(100);
            PoolExhaustedException e = assertThrows(PoolExhaustedException.class, () -> pool.acquire(100));
            assertEquals("frames", e.poolName());
            assertEquals(100, e.requestedCapacity());
            assertEquals(1, e.outstanding());
            assertTrue(e.waited().compareTo(Duration.ofMillis(20)) >= 0, () -> "waited " + e.waited());
            assertTrue(e.getMessage().contains("available=0") && e.getMessage().contains("size=1"), e::getMessage);
            assertNull(e.getCause());
            held.close();
            pool.acquire(100).close();
            assertEquals(1, pool.stats().timeouts());
        }
    }

    @Test
    void aZeroMaxWaitGivesUpAtOnce() {
        try (BoundedBufferPool<byte[]> pool = bytes(1, Duration.ZERO)) {
            Lease<byte[]> held = pool.acquire(1);
            assertThrows(PoolExhaustedException.class, () -> pool.acquire(1));
            held.close();
        }
    }

    @Test
    void aWaiterInAcquireGetsTheBufferReleasedOnAnotherThread() throws InterruptedException {
        try (BoundedBufferPool<byte[]> pool = bytes(1, Duration.ofSeconds(30))) {
            Lease<byte[]> held = pool.acquire(1);
            byte[] buffer = held.buffer();
            Acquirer<byte[]> waiter = Acquirer.queue(pool, "waiter", () -> pool.acquire(1));
            held.close();
            waiter.join();
            assertSame(buffer, waiter.lease().buffer());
            waiter.lease().close();
            assertEquals(1, pool.stats().waits());
        }
    }

    @Test
    void anInterruptedWaiterRestoresTheFlagAndThrowsWithTheInterruptAsCause() throws InterruptedException {
        try (BoundedBufferPool<byte[]> pool = bytes(1, Duration.ofSeconds(30))) {
            Lease<byte[]> held = pool.acquire(1);
            Acquirer<byte[]> waiter = Acquirer.queue(pool, "waiter", () -> pool.acquire(1));
            waiter.interrupt();
            waiter.join();
            PoolExhaustedException e = assertInstanceOf(PoolExhaustedException.class, waiter.thrown());
            assertInstanceOf(InterruptedException.class, e.getCause());
            assertTrue(e.getMessage().contains("interrupted"), e::getMessage);
            assertTrue(waiter.interruptedAfter());
            Acquirer<byte[]> timed = Acquirer.queue(pool, "timed", () -> pool.tryAcquire(1, 30, TimeUnit.SECONDS));
            timed.interrupt();
            assertInstanceOf(InterruptedException.class, timed.join().thrown());
            assertEquals(0, pool.waiting());
            held.close();
            assertEquals(pool.size(), pool.available());
        }
    }

    @Test
    void aByteBufferComesClearedWithItsLimitAtTheRequestedSize() {
        try (BoundedBufferPool<ByteBuffer> pool = BoundedBufferPool.builder(BufferTypes.DIRECT_BYTE_BUFFER)
                .maxBuffers(1).bufferCapacity(4096).build()) {
            try (Lease<ByteBuffer> lease = pool.acquire(100)) {
                ByteBuffer buffer = lease.buffer();
                assertTrue(buffer.isDirect());
                assertEquals(0, buffer.position());
                assertEquals(100, buffer.limit());
                assertEquals(4096, lease.capacity());
                buffer.position(50).limit(60);
            }
            try (Lease<ByteBuffer> lease = pool.acquire(200)) {
                assertEquals(0, lease.buffer().position());
                assertEquals(200, lease.buffer().limit());
            }
        }
    }

    @Test
    void aSharedBufferReturnsWhenItsLastHolderCloses() {
        try (BoundedBufferPool<ByteBuffer> pool = BoundedBufferPool.builder(BufferTypes.HEAP_BYTE_BUFFER)
                .maxBuffers(1).bufferCapacity(64).build()) {
            Lease<ByteBuffer> lease = pool.acquire(64);
            lease.buffer().put(0, (byte) 7);
            SharedBuffer<ByteBuffer> first = lease.share();
            SharedBuffer<ByteBuffer> second = first.retain();
            assertTrue(second.buffer().isReadOnly());
            assertEquals(7, second.buffer().get(0));
            first.close();
            assertEquals(0, pool.available(), "one holder still reads it");
            assertNull(pool.tryAcquire(64));
            second.close();
            assertEquals(1, pool.available());
            lease.close();
            first.close();
            assertEquals(1, pool.available(), "stale closes give nothing back twice");
        }
    }

    @Test
    void closingALeaseTwiceGivesItsBufferBackOnce() {
        try (BoundedBufferPool<byte[]> pool = bytes(2, Duration.ofSeconds(30))) {
            Lease<byte[]> lease = pool.acquire(1);
            lease.close();
            Lease<byte[]> next = pool.acquire(1);
            lease.close();
            assertEquals(1, pool.available());
            assertThrows(IllegalStateException.class, lease::buffer);
            next.close();
            assertEquals(2, pool.available());
        }
    }

    @Test
    void growAddsBuffersAndWakesTheWaiters() throws InterruptedException {
        try (BoundedBufferPool<byte[]> pool = bytes(1, Duration.ofSeconds(30))) {
            Lease<byte[]> held = pool.acquire(1);
            Acquirer<byte[]> first = Acquirer.queue(pool, "first", () -> pool.acquire(1));
            Acquirer<byte[]> second = Acquirer.queue(pool, "second", () -> pool.acquire(1));
            assertEquals(4, pool.grow(3));
            assertNotNull(first.join().lease());
            assertNotNull(second.join().lease());
            assertEquals(4, pool.size());
            assertEquals(1, pool.available());
            assertEquals(1, pool.stats().idleBuffers(), "the slot nobody waited for was filled at once");
            held.close();
            first.lease().close();
            second.lease().close();
            assertEquals(4, pool.available());
        }
    }

    @Test
    void trimDropsTheIdleBuffersAndTheirSlotsFillAgainOnDemand() {
        try (BoundedBufferPool<byte[]> pool = bytes(2, Duration.ofSeconds(30))) {
            pool.trim();
            PoolStats trimmed = pool.stats();
            assertEquals(0, trimmed.idleBuffers());
            assertEquals(2, trimmed.trims());
            assertEquals(2, pool.available(), "slots stay available");
            assertEquals(0, pool.usedBytes());
            try (Lease<byte[]> lease = pool.acquire(1024)) {
                assertEquals(1024, lease.capacity());
            }
            assertEquals(1, pool.stats().allocations());
        }
    }

    @Test
    void maxIdleBuffersBoundsTheBuffersKeptAndTheRestAreCreatedOnDemand() {
        try (BoundedBufferPool<byte[]> pool = BoundedBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .maxBuffers(4).bufferCapacity(16).maxIdleBuffers(1).build()) {
            assertEquals(1, pool.stats().idleBuffers(), "preallocation stops at the idle cap");
            List<Lease<byte[]>> leases = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                leases.add(pool.acquire(16));
            }
            assertNull(pool.tryAcquire(16));
            leases.forEach(Lease::close);
            assertEquals(1, pool.stats().idleBuffers());
            assertEquals(4, pool.available());
        }
    }

    @Test
    void closingThePoolFailsItsWaitersAndDropsWhatComesBack() throws InterruptedException {
        BoundedBufferPool<byte[]> pool = bytes(1, Duration.ofSeconds(30));
        Lease<byte[]> held = pool.acquire(1);
        Acquirer<byte[]> waiter = Acquirer.queue(pool, "waiter", () -> pool.acquire(1));
        pool.close();
        assertInstanceOf(IllegalStateException.class, waiter.join().thrown());
        assertThrows(IllegalStateException.class, () -> pool.acquire(1));
        assertThrows(IllegalStateException.class, () -> pool.tryAcquire(1));
        assertThrows(IllegalStateException.class, () -> pool.tryAcquire(1, 1, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, () -> pool.grow(1));
        held.close();
        assertEquals(0, pool.stats().idleBuffers());
        pool.close();
    }

    @Test
    void statsCountWhatIsOutAndIdle() {
        try (BoundedBufferPool<byte[]> pool = bytes(3, Duration.ofSeconds(30))) {
            Lease<byte[]> lease = pool.acquire(10);
            PoolStats stats = pool.stats();
            assertEquals(1, stats.outstanding());
            assertEquals(1024, stats.outstandingBytes());
            assertEquals(2, stats.idleBuffers());
            assertEquals(2048, stats.idleBytes());
            assertEquals(PoolStats.UNTRACKED, stats.acquisitions());
            lease.close();
            assertEquals(0, pool.stats().outstanding());
            assertEquals(3 * 1024, pool.usedBytes());
        }
    }

    @Test
    void aPoolOfTheCallersObjectsResetsThemOnReturn() {
        try (BoundedBufferPool<StringBuilder> pool = BoundedBufferPool
                .forObjects(StringBuilder::new, sb -> sb.setLength(0), 64).maxBuffers(2).build()) {
            try (Lease<StringBuilder> lease = pool.acquire(1)) {
                lease.buffer().append("frame 1");
                assertEquals(1, lease.capacity());
            }
            try (Lease<StringBuilder> lease = pool.acquire(1)) {
                assertEquals(0, lease.buffer().length());
            }
            assertEquals(128, pool.usedBytes());
        }
    }
}
