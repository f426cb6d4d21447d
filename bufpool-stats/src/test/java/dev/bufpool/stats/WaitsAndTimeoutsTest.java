package dev.bufpool.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolExhaustedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** A bounded third-party pool of one buffer: waits, timeouts and the warnings they cause. */
class WaitsAndTimeoutsTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final RecordingLogger log = new RecordingLogger();
    private final StackPool<byte[]> wrapped = new StackPool<>("bounded", BufferTypes.BYTE_ARRAY, 1, Duration.ZERO);
    private final StatsBufferPool<byte[]> pool = Builders.recorded(wrapped, log, clock::get)
            .registerMBean(false).build();

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void anExhaustedAcquireIsPassedOnAndCountedAsAWaitAndATimeout() {
        Lease<byte[]> held = pool.acquire(8);
        PoolExhaustedException e = assertThrows(PoolExhaustedException.class, () -> pool.acquire(8));
        StatsSnapshot snapshot = pool.snapshot();
        held.close();

        assertEquals("bounded", e.poolName());
        assertEquals(1, snapshot.stats().waits());
        assertEquals(1, snapshot.stats().timeouts());
        assertEquals(1, snapshot.exceptions());
        assertEquals(1, snapshot.stats().acquisitions());
        assertEquals(List.of("pool bounded: an acquisition gave up after waiting 0 ms; timeouts=1, outstanding=1"),
                log.messages(Level.WARN));
    }

    @Test
    void aNonBlockingTryAcquireThatFindsNothingIsNeitherAWaitNorATimeout() throws InterruptedException {
        Lease<byte[]> held = pool.acquire(8);
        assertNull(pool.tryAcquire(8));
        assertNull(pool.tryAcquire(8, 0, TimeUnit.SECONDS));
        StatsSnapshot snapshot = pool.snapshot();
        held.close();

        assertEquals(0, snapshot.stats().waits());
        assertEquals(0, snapshot.stats().timeouts());
        assertTrue(log.messages(Level.WARN).isEmpty());
    }

    @Test
    void aTimedTryAcquireThatGivesUpIsATimeout() throws InterruptedException {
        Lease<byte[]> held = pool.acquire(8);
        assertNull(pool.tryAcquire(8, 1, TimeUnit.NANOSECONDS));
        held.close();

        assertEquals(1, pool.stats().waits());
        assertEquals(1, pool.stats().timeouts());
        assertEquals(0, pool.snapshot().exceptions(), "a null is not an exception");
    }

    @Test
    void timeoutsWarnAtMostOnceAnIntervalAndCountTheOthers() {
        Lease<byte[]> held = pool.acquire(8);
        for (int i = 0; i < 3; i++) {
            assertThrows(PoolExhaustedException.class, () -> pool.acquire(8));
        }
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThrows(PoolExhaustedException.class, () -> pool.acquire(8));
        held.close();

        List<String> warnings = log.messages(Level.WARN);
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.get(1).endsWith("timeouts=4, outstanding=1 (2 more since the last warning)"),
                warnings.get(1));
        assertEquals(4, pool.stats().timeouts());
    }

    @Test
    void anAcquisitionThatWaitsForAReleaseIsOneWaitAndNoTimeout() throws InterruptedException {
        StackPool<byte[]> blocking = new StackPool<>("blocking", BufferTypes.BYTE_ARRAY, 1, Duration.ofMinutes(1));
        try (StatsBufferPool<byte[]> counted = StatsBufferPool.builder(blocking).registerMBean(false).build()) {
            Lease<byte[]> held = counted.acquire(8);
            AtomicReference<Lease<byte[]>> got = new AtomicReference<>();
            Thread waiter = new Thread(() -> got.set(counted.acquire(8)));
            waiter.start();
            awaitWaiting(blocking);
            held.close();
            waiter.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(waiter.isAlive());
            assertNotNull(got.get());
            got.get().close();
            StatsSnapshot snapshot = counted.snapshot();

            assertEquals(1, snapshot.stats().waits());
            assertEquals(0, snapshot.stats().timeouts());
            assertTrue(snapshot.maxWaitNanos() > 0);
            assertEquals(snapshot.maxWaitNanos(), snapshot.totalWaitNanos());
            assertEquals(2, snapshot.stats().releases());
        }
    }

    private static void awaitWaiting(StackPool<?> pool) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pool.waiting() == 0) {
            assertTrue(System.nanoTime() < deadline, "the waiter never blocked");
            Thread.onSpinWait();
        }
    }
}
