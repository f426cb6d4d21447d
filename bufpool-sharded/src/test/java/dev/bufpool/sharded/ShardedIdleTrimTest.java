package dev.bufpool.sharded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolSpec;
import dev.bufpool.PoolStats;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Idle trimming of the sharded pool, on a clock the test drives: no sleeps. */
class ShardedIdleTrimTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The trim period for a 10 s timeout: min(timeout, 1 s); the pool ticks four times a period. */
    private static final Duration TICK = Duration.ofMillis(250);

    private final AtomicLong millis = new AtomicLong(5_000_000);
    private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());

    private PoolSpec.Builder<byte[]> spec() {
        return PoolSpec.builder(BufferTypes.BYTE_ARRAY).name("idle").clock(clock).threadCacheSize(0);
    }

    /** Lets {@code time} pass in ticks, reading the figures (which runs due trimming) at each. */
    private PoolStats pass(ShardedBufferPool<byte[]> pool, Duration time) {
        PoolStats stats = pool.stats();
        for (long t = 0; t < time.toMillis(); t += TICK.toMillis()) {
            millis.addAndGet(Math.min(TICK.toMillis(), time.toMillis() - t));
            stats = pool.stats();
        }
        return stats;
    }

    private static void acquireAndRelease(ShardedBufferPool<byte[]> pool, int count, int capacity) {
        List<Lease<byte[]>> leases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leases.add(pool.acquire(capacity));
        }
        leases.forEach(Lease::close);
    }

    @Test
    void buffersIdleForTheTimeoutAreTrimmedNoSoonerAndNoLaterThanOnePeriodAfter() {
        try (ShardedBufferPool<byte[]> pool = ShardedBufferPool.create(spec().idleTimeout(TIMEOUT).build())) {
            acquireAndRelease(pool, 20, 4096);
            assertEquals(20, pool.stats().idleBuffers());
            PoolStats before = pass(pool, TIMEOUT.minus(TICK));
            assertEquals(20, before.idleBuffers(), "nothing is trimmed before its idle timeout");
            assertEquals(0, before.trims());
            PoolStats after = pass(pool, TICK.plus(Duration.ofSeconds(1)));
            assertEquals(0, after.idleBuffers(), "everything is trimmed within a period of its timeout");
            assertEquals(0, after.idleBytes());
            assertEquals(20, after.trims());
        }
    }

    @Test
    void aBufferInUseIsNeverTrimmedAndReuseStaysHigh() {
        try (ShardedBufferPool<byte[]> pool = ShardedBufferPool.create(spec().idleTimeout(TIMEOUT).build())) {
            long pairs = 0;
            for (int second = 0; second < 60; second++) {
                for (int i = 0; i < 100; i++) {
                    acquireAndRelease(pool, 8, 4096);
                    pairs += 8;
                }
                pass(pool, Duration.ofSeconds(1));
            }
            PoolStats stats = pool.stats();
            assertEquals(0, stats.trims(), "the working set is in use every second, never idle for 10");
            assertTrue(stats.allocations() <= pairs / 100, "reuse at least 99%: " + stats.allocations() + " of " + pairs);
        }
    }

    @Test
    void idleBytesNeverExceedMaxIdleBytesWhateverTheSizes() {
        long bound = 256 << 10;
        try (ShardedBufferPool<byte[]> pool = ShardedBufferPool.create(
                spec().threadCacheSize(4).trimCapacity(64 << 10).maxIdleBytes(bound).build())) {
            for (int round = 0; round < 50; round++) {
                acquireAndRelease(pool, 1 + round % 40, 1 << (8 + round % 9));
                PoolStats stats = pool.stats();
                assertTrue(stats.idleBytes() <= bound, "round " + round + ": " + stats);
            }
        }
    }

    @Test
    void maxIdleBytesZeroKeepsNothing() {
        try (ShardedBufferPool<byte[]> pool = ShardedBufferPool.create(spec().threadCacheSize(4).maxIdleBytes(0).build())) {
            acquireAndRelease(pool, 10, 1024);
            PoolStats stats = pool.stats();
            assertEquals(0, stats.idleBuffers());
            assertEquals(0, stats.idleBytes());
            try (Lease<byte[]> lease = pool.acquire(1024)) {
                assertEquals(1024, lease.buffer().length);
            }
        }
    }

    @Test
    void buffersThatDoNotFitTheHotTierGoToTheReserveAndComeBackFromIt() {
        // 64 idle buffers: 32 for the hot tier (no caches here), 32 for the reserve.
        try (ShardedBufferPool<byte[]> pool = ShardedBufferPool.create(
                spec().maxIdleBuffers(64).idleTimeout(TIMEOUT).build())) {
            acquireAndRelease(pool, 64, 4096);
            assertEquals(64, pool.stats().idleBuffers());
            acquireAndRelease(pool, 64, 4096);
            assertEquals(64, pool.stats().allocations(), "the second round is served by the shards and the reserve");
            assertEquals(0, pool.stats().drops());
        }
    }

    @Test
    void trimDropsTheReserveToo() {
        try (ShardedBufferPool<byte[]> pool = ShardedBufferPool.create(
                spec().maxIdleBuffers(16).idleTimeout(TIMEOUT).build())) {
            acquireAndRelease(pool, 16, 512);
            pass(pool, Duration.ofSeconds(1)); // some move to the reserve
            pool.trim();
            PoolStats stats = pool.stats();
            assertEquals(0, stats.idleBuffers());
            assertEquals(16, stats.trims());
        }
    }

    @Test
    void theCallingThreadsCacheIsNotTrimmedAndIsTheDocumentedFloor() {
        try (ShardedBufferPool<byte[]> pool = ShardedBufferPool.create(
                spec().threadCacheSize(4).idleTimeout(TIMEOUT).build())) {
            acquireAndRelease(pool, 20, 4096);
            PoolStats after = pass(pool, TIMEOUT.plus(Duration.ofSeconds(2)));
            assertEquals(4, after.idleBuffers(), "the live thread's own cache, at most threadCacheSize buffers");
            assertEquals(16, after.trims());
        }
    }
}
