package dev.bufpool.bounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolSpec;
import dev.bufpool.PoolStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The idle settings: idleTimeout and clock are accepted, maxIdleBytes is honoured as an exact cap. */
class IdleSettingsTest {

    private static PoolSpec.Builder<byte[]> spec() {
        return PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("bounded").name("idle").maxBuffers(8).bufferCapacity(1024);
    }

    private static void leaseAllThenCloseAll(BufferPool<byte[]> pool, int count) {
        List<Lease<byte[]>> leases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leases.add(pool.acquire(1024));
        }
        leases.forEach(Lease::close);
    }

    @Test
    void theProviderAcceptsIdleTimeoutAndClockAndThePoolWorks() {
        try (BufferPool<byte[]> pool = BufferPools.provider("bounded").create(
                spec().idleTimeout(Duration.ofMillis(1)).clock(new FakeClock()).build())) {
            assertEquals(8, assertInstanceOf(BoundedBufferPool.class, pool).size());
            leaseAllThenCloseAll(pool, 8);
            assertEquals(8, pool.stats().idleBuffers(), "nothing above the initial size, nothing shrinks");
        }
        try (BufferPool<byte[]> pool = BufferPools.create(spec().idleTimeout(Duration.ofDays(30)).build())) {
            BoundedBufferPool<?> bounded = assertInstanceOf(BoundedBufferPool.class, pool);
            Poll.until(bounded::trimScheduled, () -> "a tick every 250 ms is scheduled: " + bounded);
        }
        try (BoundedBufferPool<byte[]> pool = BoundedBufferPool.create(spec().clock(new FakeClock()).build())) {
            assertFalse(pool.trimScheduled(), "a clock without idleTimeout changes nothing");
        }
    }

    @Test
    void maxIdleBytesCapsTheBuffersKeptIdleExactly() {
        try (BufferPool<byte[]> pool = BufferPools.provider("bounded").create(spec().maxIdleBytes(3 * 1024 + 1000).build())) {
            PoolStats start = pool.stats();
            assertEquals(3, start.idleBuffers(), "preallocates only what it may keep");
            leaseAllThenCloseAll(pool, 8);
            PoolStats after = pool.stats();
            assertEquals(3, after.idleBuffers());
            assertEquals(3 * 1024, after.idleBytes());
            assertEquals(5, after.drops(), "returned above the cap: dropped, their slots refilled on demand");
            assertEquals(8, assertInstanceOf(BoundedBufferPool.class, pool).available());
        }
    }

    @Test
    void maxIdleBytesZeroKeepsNothingIdle() {
        try (BoundedBufferPool<byte[]> pool = BoundedBufferPool.create(spec().maxIdleBytes(0).build())) {
            assertEquals(0, pool.stats().idleBuffers());
            leaseAllThenCloseAll(pool, 3);
            PoolStats stats = pool.stats();
            assertEquals(0, stats.idleBytes());
            assertEquals(3, stats.allocations());
            assertEquals(3, stats.drops());
        }
    }

    @Test
    void maxIdleBytesBoundsIdleBuffersWhileTheBudgetBoundsEverything() {
        try (BoundedBufferPool<byte[]> pool = BoundedBufferPool.create(
                spec().memoryBudget(8 * 1024).maxIdleBytes(2 * 1024).preallocate(2).build())) {
            leaseAllThenCloseAll(pool, 8);
            assertEquals(2 * 1024, pool.stats().idleBytes());
            assertEquals(2 * 1024, pool.usedBytes(), "dropped buffers no longer count against the budget");
        }
    }
}
