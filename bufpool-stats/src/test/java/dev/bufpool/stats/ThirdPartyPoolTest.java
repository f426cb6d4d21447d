package dev.bufpool.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import dev.bufpool.SharedBuffer;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A hand-written pool of another vendor, decorated and counted. */
class ThirdPartyPoolTest {

    private final StackPool<byte[]> wrapped = new StackPool<>("third-party", BufferTypes.BYTE_ARRAY);
    private final StatsBufferPool<byte[]> pool = Builders.recorded(wrapped, new RecordingLogger(), new AtomicLong()::get)
            .registerMBean(false).build();

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void countsAcquisitionsReleasesAndBytesOut() {
        Lease<byte[]> a = pool.acquire(100);
        Lease<byte[]> b = pool.acquire(300);
        PoolStats during = pool.stats();
        a.close();
        PoolStats after = pool.stats();

        assertEquals(2, during.acquisitions());
        assertEquals(0, during.releases());
        assertEquals(2, during.outstanding());
        assertEquals(400, during.outstandingBytes());
        assertEquals(1, after.releases());
        assertEquals(1, after.outstanding());
        assertEquals(300, after.outstandingBytes());
        b.close();
        assertEquals(0, pool.stats().outstandingBytes());
    }

    @Test
    void takesAllocationsReusesAndIdleFiguresFromTheWrappedPool() {
        pool.acquire(64).close();
        pool.acquire(64).close();
        PoolStats stats = pool.stats();

        assertEquals(1, stats.allocations());
        assertEquals(1, stats.reuses());
        assertEquals(1, stats.idleBuffers());
        assertEquals(64, stats.idleBytes());
        assertEquals(PoolStats.UNTRACKED, stats.drops(), "the wrapped pool does not track drops");
        assertEquals(PoolStats.UNTRACKED, stats.trims(), "the wrapped pool does not track trims");
    }

    @Test
    void aStatsPoolTracksEveryFigureItCounts() {
        PoolStats stats = pool.stats();
        long[] counted = {stats.acquisitions(), stats.releases(), stats.outstanding(), stats.peakOutstanding(),
            stats.outstandingBytes(), stats.waits(), stats.timeouts(), stats.leaks()};
        for (long figure : counted) {
            assertEquals(0, figure);
        }
    }

    @Test
    void closingALeaseTwiceCountsOneReleaseAndOneDoubleRelease() {
        Lease<byte[]> lease = pool.acquire(8);
        lease.close();
        lease.close();
        StatsSnapshot snapshot = pool.snapshot();

        assertEquals(1, snapshot.stats().releases());
        assertEquals(1, snapshot.doubleReleases());
        assertEquals(1, snapshot.stats().idleBuffers(), "the buffer went back once");
        assertThrows(IllegalStateException.class, lease::buffer);
    }

    @Test
    void aLeaseBehavesAsTheWrappedLeaseDoes() {
        try (Lease<byte[]> lease = pool.acquire(10)) {
            assertEquals(10, lease.buffer().length);
            assertEquals(10, lease.capacity());
        }
    }

    @Test
    void aSharedBufferIsReleasedOnceWhenItsLastHolderCloses() {
        Lease<byte[]> lease = pool.acquire(32);
        SharedBuffer<byte[]> first = lease.share();
        lease.close();
        SharedBuffer<byte[]> second = first.retain();
        first.close();
        assertEquals(1, pool.stats().outstanding(), "a holder is left");
        second.close();
        second.close();
        StatsSnapshot snapshot = pool.snapshot();

        assertEquals(1, snapshot.stats().releases());
        assertEquals(0, snapshot.stats().outstanding());
        assertEquals(1, snapshot.doubleReleases(), "the second close of the second handle, not the lease's close");
        assertEquals(1, snapshot.stats().idleBuffers());
    }

    @Test
    void peaksFollowTheMostOutAtOnceAndResetStartsThemOver() {
        Lease<byte[]> a = pool.acquire(100);
        Lease<byte[]> b = pool.acquire(200);
        Lease<byte[]> c = pool.acquire(50);
        a.close();
        b.close();
        StatsSnapshot before = pool.snapshot();
        pool.reset();
        StatsSnapshot after = pool.snapshot();
        Lease<byte[]> d = pool.acquire(10);
        StatsSnapshot later = pool.snapshot();
        c.close();
        d.close();

        assertEquals(1, before.stats().outstanding());
        assertEquals(3, before.stats().peakOutstanding());
        assertEquals(350, before.peakOutstandingBytes());
        assertEquals(1, after.stats().peakOutstanding(), "reset starts the peak at what is out");
        assertEquals(50, after.peakOutstandingBytes());
        assertEquals(2, later.stats().peakOutstanding());
        assertEquals(250, later.peakOutstandingBytes(), "c (50) and d, served by b's idle buffer of 200");
        assertEquals(2, pool.stats().peakOutstanding(), "peaks stay after the leases close");
    }

    @Test
    void byteBufferLeasesCountTheirCapacityInBytes() {
        StackPool<ByteBuffer> buffers = new StackPool<>("buffers", BufferTypes.DIRECT_BYTE_BUFFER);
        try (StatsBufferPool<ByteBuffer> counted = StatsBufferPool.builder(buffers).registerMBean(false).build()) {
            Lease<ByteBuffer> lease = counted.acquire(4096);
            assertEquals(4096, counted.stats().outstandingBytes());
            assertEquals(4096, lease.buffer().limit());
            lease.close();
        }
    }

    @Test
    void aBadSizeIsPassedOnUnchangedCountedAndTheDecoratedPoolStillWorks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.acquire(-1));
        assertEquals("minCapacity must be >= 0: minCapacity=-1", e.getMessage());
        assertEquals(1, pool.snapshot().exceptions());
        assertEquals(0, pool.stats().acquisitions());

        pool.acquire(1).close();
        assertEquals(1, pool.stats().releases());
    }

    @Test
    void closingTheDecoratedPoolClosesTheWrappedOneOnce() {
        Lease<byte[]> out = pool.acquire(16);
        pool.close();
        pool.close();

        assertEquals(1, wrapped.closes());
        assertThrows(IllegalStateException.class, () -> pool.acquire(1), "the wrapped pool refuses");
        out.close();
        assertEquals(1, pool.stats().releases(), "a lease still out is counted when it comes back");
        assertEquals(0, pool.stats().idleBuffers(), "and the closed pool discards it");
    }

    @Test
    void anUnboundedPoolNeverWaitsAndTryAcquireServesAtOnce() throws InterruptedException {
        pool.acquire(1).close();
        pool.tryAcquire(1).close();
        pool.tryAcquire(1, 1, java.util.concurrent.TimeUnit.SECONDS).close();
        StatsSnapshot snapshot = pool.snapshot();

        assertEquals(3, snapshot.stats().acquisitions());
        assertEquals(0, snapshot.stats().waits());
        assertEquals(0, snapshot.maxWaitNanos());
    }

    @Test
    void wrapReturnsAPoolThatIsCountedAlready() {
        assertSame(pool, StatsBufferPool.wrap(pool));
    }

    @Test
    void trimGoesToTheWrappedPool() {
        pool.acquire(8).close();
        pool.trim();
        assertEquals(0, pool.stats().idleBuffers());
    }

    @Test
    void nameTypeAndTextComeFromTheWrappedPool() {
        assertEquals("third-party", pool.name());
        assertSame(BufferTypes.BYTE_ARRAY, pool.type());
        assertTrue(pool.toString().contains(wrapped.toString()));
        assertNull(pool.applicationKey().orElse(null));
    }
}
