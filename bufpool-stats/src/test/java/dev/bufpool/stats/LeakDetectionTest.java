package dev.bufpool.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.LeakDetection;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import dev.bufpool.SharedBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Leases dropped without close, found through the collector; no sleeping, a bounded loop of GCs. */
class LeakDetectionTest {

    private final RecordingLogger log = new RecordingLogger();
    private final StackPool<byte[]> wrapped = new StackPool<>("leaky", BufferTypes.BYTE_ARRAY);

    private StatsBufferPool<byte[]> pool(LeakDetection level) {
        return Builders.recorded(wrapped, log, new AtomicLong()::get).registerMBean(false)
                .leakDetection(level).build();
    }

    /** Acquires and drops a lease; nothing of it survives this frame. */
    private static void leakOne(BufferPool<byte[]> pool) {
        pool.acquire(256).buffer()[0] = 1;
    }

    /** Collects until the pool has found {@code leaks} leaks, for at most 30 seconds. */
    static void collectUntil(StatsBufferPool<?> pool, long leaks) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pool.stats().leaks() < leaks) {
            assertTrue(System.nanoTime() < deadline, "the leak was not found");
            System.gc();
        }
    }

    @Test
    void paranoidReportsALeakedLeaseWithTheStackOfItsAcquisition() {
        try (StatsBufferPool<byte[]> pool = pool(LeakDetection.PARANOID)) {
            leakOne(pool);
            collectUntil(pool, 1);
            PoolStats stats = pool.stats();

            assertEquals(1, stats.leaks());
            assertEquals(1, stats.acquisitions());
            assertEquals(0, stats.releases());
            assertEquals(0, stats.outstanding(), "a leaked lease is no longer out");
            assertEquals(0, stats.outstandingBytes());
            List<RecordingLogger.Line> warnings = log.at(Level.WARN);
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).message().startsWith("pool leaky: a lease was never closed"),
                    warnings.get(0).message());
            Throwable acquiredAt = warnings.get(0).throwable();
            assertNotNull(acquiredAt);
            assertTrue(Arrays.stream(acquiredAt.getStackTrace()).anyMatch(f -> f.getMethodName().equals("leakOne")));
        }
    }

    @Test
    void aLeakedLeaseIsNotCountedInPeaksAfterItsReport() {
        try (StatsBufferPool<byte[]> pool = pool(LeakDetection.PARANOID)) {
            Lease<byte[]> held = pool.acquire(256);
            leakOne(pool);
            collectUntil(pool, 1);
            pool.reset();

            Lease<byte[]> second = pool.acquire(256);
            assertEquals(2, pool.stats().outstanding());
            second.close();
            held.close();
            PoolStats stats = pool.stats();

            assertEquals(2, stats.peakOutstanding(), "the leaked lease counted once more as out");
            assertEquals(0, stats.outstanding());
        }
    }

    @Test
    void closedAndSharedLeasesAreNeverReportedAsLeaked() {
        try (StatsBufferPool<byte[]> pool = pool(LeakDetection.PARANOID)) {
            pool.acquire(16).close();
            SharedBuffer<byte[]> shared = pool.acquire(16).share();
            leakOne(pool);
            collectUntil(pool, 1);
            for (int i = 0; i < 3; i++) {
                System.gc();
            }

            assertEquals(1, pool.stats().leaks(), "only the dropped lease");
            assertEquals(1, pool.stats().outstanding(), "the shared buffer");
            shared.close();
            assertEquals(0, pool.stats().outstanding());
        }
    }

    @Test
    void withoutDetectionTheLeakFigureIsTheWrappedPoolsOrZero() {
        try (StatsBufferPool<byte[]> pool = pool(LeakDetection.OFF)) {
            assertEquals(0, pool.stats().leaks(), "the wrapped pool does not count leaks");
        }
        @SuppressWarnings("unchecked")
        BufferPool<byte[]> counting = mock(BufferPool.class);
        when(counting.type()).thenReturn(BufferTypes.BYTE_ARRAY);
        when(counting.name()).thenReturn("counting");
        when(counting.stats()).thenReturn(PoolStats.builder().idleBuffers(0).idleBytes(0).leaks(5).build());
        try (StatsBufferPool<byte[]> pool = StatsBufferPool.builder(counting).registerMBean(false).build()) {
            assertEquals(5, pool.stats().leaks());
        }
    }

    @Test
    void aLeaseClosedNormallyLeavesNoWarning() {
        try (StatsBufferPool<byte[]> pool = pool(LeakDetection.PARANOID)) {
            try (Lease<byte[]> lease = pool.acquire(8)) {
                assertEquals(8, lease.buffer().length);
            }
            System.gc();
            assertEquals(0, pool.stats().leaks());
            assertNull(log.at(Level.WARN).stream().findAny().orElse(null));
        }
    }
}
