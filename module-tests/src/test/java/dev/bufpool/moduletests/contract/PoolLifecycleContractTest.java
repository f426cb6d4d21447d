package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.Lease;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolStats;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A pool's life: trim, stats and close. */
class PoolLifecycleContractTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void acquiringFromAClosedPoolThrowsIllegalStateException(BufferPoolProvider provider) {
        BufferPool<byte[]> pool = ContractKit.bytes(provider);
        pool.acquire(10).close();
        pool.close();
        assertThrows(IllegalStateException.class, () -> pool.acquire(10));
        assertThrows(IllegalStateException.class, () -> pool.tryAcquire(10));
        assertThrows(IllegalStateException.class, () -> pool.tryAcquire(10, 1, TimeUnit.MILLISECONDS));
        assertDoesNotThrow(pool::close, "a second close");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void aLeaseOutWhenThePoolClosesCanStillBeClosed(BufferPoolProvider provider) {
        BufferPool<byte[]> pool = ContractKit.bytes(provider);
        Lease<byte[]> lease = pool.acquire(128);
        lease.buffer()[0] = 1;
        pool.close();
        assertEquals(1, lease.buffer()[0], "the holder keeps its buffer until it closes the lease");
        assertDoesNotThrow(lease::close);
        assertDoesNotThrow(lease::close);
        assertThrows(IllegalStateException.class, lease::buffer);
        assertEquals(0, pool.stats().idleBuffers(), "a closed pool keeps what is returned to it");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void closingThePoolDropsItsIdleBuffers(BufferPoolProvider provider) {
        BufferPool<byte[]> pool = ContractKit.bytes(provider);
        List.of(pool.acquire(100), pool.acquire(100), pool.acquire(100)).forEach(Lease::close);
        pool.close();
        PoolStats stats = pool.stats();
        assertEquals(0, stats.idleBuffers(), "idle buffers after close");
        assertEquals(0, stats.idleBytes(), "idle bytes after close");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void statsTrackIdleBuffersAndBytesAndEveryOtherFigureIsRightOrUntracked(BufferPoolProvider provider) {
        try (BufferPool<byte[]> pool = ContractKit.bytes(provider)) {
            List<Lease<byte[]>> leases = List.of(pool.acquire(1000), pool.acquire(1000), pool.acquire(1000));
            assertFigure(3, pool.stats().outstanding(), "outstanding while three are out");
            assertFigure(3, pool.stats().acquisitions(), "acquisitions");
            leases.forEach(Lease::close);
            PoolStats stats = pool.stats();
            assertTrue(stats.idleBuffers() >= 1, () -> "three buffers returned, none kept idle: " + stats);
            assertTrue(stats.idleBytes() >= 1000 * stats.idleBuffers(), () -> "idle bytes too low: " + stats);
            assertFigure(3, stats.releases(), "releases");
            assertFigure(0, stats.outstanding(), "outstanding when all are back");
            assertFigure(0, stats.outstandingBytes(), "outstanding bytes when all are back");
            assertFigure(3, stats.peakOutstanding(), "peak outstanding");
            if (stats.allocations() >= 0 && stats.reuses() >= 0) {
                assertEquals(3, stats.allocations() + stats.reuses(), () -> "allocations + reuses: " + stats);
            }
        }
    }

    private static void assertFigure(long expected, long actual, String figure) {
        if (actual != PoolStats.UNTRACKED) {
            assertEquals(expected, actual, figure);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void trimLeavesThePoolWorking(BufferPoolProvider provider) {
        try (BufferPool<byte[]> pool = ContractKit.bytes(provider)) {
            List.of(pool.acquire(100), pool.acquire(2000), pool.acquire(30_000)).forEach(Lease::close);
            PoolStats before = pool.stats();
            pool.trim();
            PoolStats after = pool.stats();
            assertTrue(after.idleBuffers() <= before.idleBuffers(), () -> "before " + before + ", after " + after);
            assertTrue(after.idleBytes() <= before.idleBytes(), () -> "before " + before + ", after " + after);
            try (Lease<byte[]> lease = pool.acquire(30_000)) {
                assertTrue(lease.capacity() >= 30_000);
            }
            pool.trim();
            pool.trim();
            try (Lease<byte[]> lease = pool.acquire(5)) {
                assertTrue(lease.capacity() >= 5);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(lacking = PoolFeature.BOUNDED)
    void trimOfAnUnboundedPoolDropsTheBuffersReturnedOnTheTrimmingThread(BufferPoolProvider provider) {
        try (BufferPool<byte[]> pool = ContractKit.bytes(provider)) {
            List.of(pool.acquire(100), pool.acquire(2000), pool.acquire(30_000)).forEach(Lease::close);
            pool.trim();
            PoolStats stats = pool.stats();
            assertEquals(0, stats.idleBuffers(), () -> "idle buffers after trim: " + stats);
            assertEquals(0, stats.idleBytes(), () -> "idle bytes after trim: " + stats);
        }
    }
}
