package dev.bufpool.sizeclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolSpec;
import dev.bufpool.PoolStats;
import dev.bufpool.sizeclass.internal.SizeClassEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Idle trimming of the size-class pool, on a clock the test drives: no sleeps. */
class SizeClassIdleTrimTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TICK = Duration.ofMillis(250);
    private static final int SMALL = 64 << 10;
    private static final int LARGE = 1 << 20;

    private final AtomicLong millis = new AtomicLong(7_000_000);
    private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());

    private PoolSpec.Builder<byte[]> spec() {
        return PoolSpec.builder(BufferTypes.BYTE_ARRAY).name("idle").clock(clock).threadCacheSize(0)
                .sizeClasses(4 << 10, SMALL, LARGE);
    }

    private PoolStats pass(SizeClassBufferPool<byte[]> pool, Duration time) {
        PoolStats stats = pool.stats();
        for (long t = 0; t < time.toMillis(); t += TICK.toMillis()) {
            millis.addAndGet(Math.min(TICK.toMillis(), time.toMillis() - t));
            stats = pool.stats();
        }
        return stats;
    }

    private static void acquireAndRelease(SizeClassBufferPool<byte[]> pool, int count, int capacity) {
        List<Lease<byte[]>> leases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leases.add(pool.acquire(capacity));
        }
        leases.forEach(Lease::close);
    }

    @Test
    void buffersIdleForTheTimeoutAreTrimmedNoSoonerAndNoLaterThanOnePeriodAfter() {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.create(spec().idleTimeout(TIMEOUT).build())) {
            acquireAndRelease(pool, 12, 4096);
            acquireAndRelease(pool, 6, SMALL);
            assertEquals(18, pool.stats().idleBuffers());
            assertEquals(18, pass(pool, TIMEOUT.minus(TICK)).idleBuffers(), "nothing trimmed before its timeout");
            PoolStats after = pass(pool, TICK.plus(Duration.ofSeconds(1)));
            assertEquals(0, after.idleBuffers());
            assertEquals(18, after.trims());
        }
    }

    @Test
    void whenDemandMovesFrom64KiBTo1MiBThe64KiBBuffersGoFirst() {
        // The hot tier (the free lists here) keeps 4 buffers, counted as 4 x 1 MiB: half the bound
        // in buffers of the largest class. The reserve holds the other 4 MiB and less than one more
        // 64 KiB buffer: 64 of 64 KiB, or 4 of 1 MiB, never both.
        long bound = 8L * LARGE + SMALL - 1;
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.create(spec().maxIdleBytes(bound).build())) {
            for (int round = 0; round < 20; round++) {
                acquireAndRelease(pool, 68, SMALL);
            }
            assertEquals(68L * SMALL, pool.stats().idleBytes(), "the 64 KiB working set fits");
            long trimsBefore = pool.stats().trims();
            for (int round = 0; round < 40; round++) {
                acquireAndRelease(pool, 8, LARGE);
                assertTrue(pass(pool, TICK).idleBytes() <= bound);
            }
            PoolStats stats = pool.stats();
            assertEquals(8L * LARGE, stats.idleBytes(), "only the 1 MiB buffers in demand are kept: " + stats);
            assertTrue(stats.trims() - trimsBefore >= 68, "every 64 KiB buffer was trimmed: " + stats);
        }
    }

    @Test
    void zeroedBuffersStayZeroedThroughTheReserve() {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.create(
                spec().zeroOnRelease(true).maxIdleBuffers(8).idleTimeout(TIMEOUT).build())) {
            List<Lease<byte[]>> leases = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Lease<byte[]> lease = pool.acquire(4096);
                lease.buffer()[17] = 42;
                leases.add(lease);
            }
            leases.forEach(Lease::close);
            pass(pool, Duration.ofSeconds(1)); // the list's buffers move to the reserve
            for (int i = 0; i < 8; i++) {
                try (Lease<byte[]> lease = pool.acquire(4096)) {
                    assertEquals(0, lease.buffer()[17]);
                }
            }
            assertEquals(8, pool.stats().allocations(), "all 8 came back from the list or the reserve");
        }
    }

    @Test
    void closeStopsTheTimerAndEmptiesTheReserve() {
        SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.create(spec().idleTimeout(TIMEOUT).maxIdleBuffers(4).build());
        acquireAndRelease(pool, 4, 4096);
        pass(pool, Duration.ofSeconds(1));
        SizeClassEngine<byte[]> engine = pool.engine();
        assertTrue(engine.trimming().timer().isScheduled());
        pool.close();
        assertFalse(engine.trimming().timer().isScheduled());
        assertEquals(0, engine.trimming().reserve().idleBuffers());
    }
}
