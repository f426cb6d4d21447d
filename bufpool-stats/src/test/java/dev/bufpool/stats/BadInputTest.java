package dev.bufpool.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.Mockito;

/** Settings refused with a message naming the setting, the value and what is allowed; nothing broken. */
class BadInputTest {

    private final StackPool<byte[]> wrapped = new StackPool<>("checked", BufferTypes.BYTE_ARRAY);
    private final StatsPoolBuilder<byte[]> builder = StatsBufferPool.builder(wrapped).registerMBean(false);

    @AfterEach
    void theBuilderAndTheWrappedPoolStillWork() {
        try (StatsBufferPool<byte[]> pool = builder.build()) {
            pool.acquire(4).close();
            PoolStats stats = pool.stats();
            assertEquals(1, stats.acquisitions());
            assertEquals(1, stats.releases());
        }
    }

    @Test
    void aNullPoolIsRefusedByName() {
        assertEquals("pool", assertThrows(NullPointerException.class, () -> StatsBufferPool.wrap(null)).getMessage());
        assertEquals("pool", assertThrows(NullPointerException.class, () -> StatsBufferPool.builder(null)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void aBlankApplicationKeyIsRefused(String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.applicationKey(key));
        assertEquals("applicationKey must not be blank: applicationKey='" + key + "'", e.getMessage());
        assertEquals("applicationKey",
                assertThrows(NullPointerException.class, () -> builder.applicationKey(null)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1S", "PT0.999S", "P1DT0.001S", "P365D"})
    void aReportIntervalOutsideOneSecondToOneDayIsRefused(String interval) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.reportInterval(Duration.parse(interval)));
        assertEquals("reportInterval must be in [PT1S, PT24H]: reportInterval=" + Duration.parse(interval),
                e.getMessage());
    }

    @Test
    void theLimitsOfTheReportIntervalAreAllowedAndNullIsRefusedByName() {
        StatsPoolBuilder<byte[]> other = StatsBufferPool.builder(wrapped);
        other.reportInterval(StatsBufferPool.MIN_REPORT_INTERVAL).reportInterval(StatsBufferPool.MAX_REPORT_INTERVAL);
        assertEquals("reportInterval",
                assertThrows(NullPointerException.class, () -> builder.reportInterval(null)).getMessage());
    }

    @Test
    void aReportSchedulerWithoutAnIntervalIsRefused() {
        StatsPoolBuilder<byte[]> withScheduler = StatsBufferPool.builder(wrapped).registerMBean(false)
                .reportScheduler(Mockito.mock(ScheduledExecutorService.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, withScheduler::build);
        assertEquals("reportInterval must be set when a reportScheduler is given: reportInterval=null", e.getMessage());
        assertEquals(0, wrapped.closes(), "the wrapped pool is still the caller's");
    }

    @Test
    void aPoolCountedAlreadyIsRefusedByTheBuilderAndReturnedByWrap() {
        try (StatsBufferPool<byte[]> counted = StatsBufferPool.wrap(new StackPool<>("twice", BufferTypes.BYTE_ARRAY))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StatsBufferPool.builder(counted));
            assertEquals("pool must not be a StatsBufferPool already (settings cannot be applied twice; use it as it"
                    + " is): pool=twice", e.getMessage());
            assertEquals(counted, StatsBufferPool.wrap(counted));
        }
    }

    @Test
    void aPoolWithoutATypeIsRefusedByName() {
        BufferPool<byte[]> typeless = new StackPool<>("typeless", null);
        assertEquals("pool.type()", assertThrows(NullPointerException.class, () -> StatsBufferPool.wrap(typeless)).getMessage());
    }

    @Test
    void badArgumentsOfTheWrappedPoolPassUnchangedAndAreCounted() throws InterruptedException {
        try (StatsBufferPool<byte[]> pool = StatsBufferPool.builder(new StackPool<>("args", BufferTypes.BYTE_ARRAY))
                .registerMBean(false).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.acquire(-1));
            assertEquals("minCapacity must be >= 0: minCapacity=-1", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> pool.tryAcquire(-1));
            assertThrows(IllegalArgumentException.class, () -> pool.tryAcquire(-1, 1, TimeUnit.SECONDS));
            assertThrows(IllegalArgumentException.class, () -> pool.tryAcquire(-1, -1, TimeUnit.SECONDS));
            assertEquals("unit", assertThrows(NullPointerException.class, () -> pool.tryAcquire(1, 1, null)).getMessage());
            assertEquals("unit", assertThrows(NullPointerException.class, () -> pool.tryAcquire(1, 0, null)).getMessage());
            StatsSnapshot snapshot = pool.snapshot();
            assertEquals(4, snapshot.exceptions(), () -> "the wrapped pool's refusals: " + snapshot);
            assertEquals(0, snapshot.stats().outstanding());
            for (long timeout : new long[] {Long.MAX_VALUE, Long.MIN_VALUE}) {
                try (Lease<byte[]> lease = pool.tryAcquire(4, timeout, TimeUnit.DAYS)) {
                    assertEquals(4, lease.buffer().length, "timeout " + timeout + " days, a buffer free");
                }
            }
        }
    }

    @Test
    void aClosedPoolRefusesAcquisitionsAndItsLeasesAreStillCounted() {
        StatsBufferPool<byte[]> pool = StatsBufferPool.builder(new StackPool<>("shut", BufferTypes.BYTE_ARRAY)).build();
        Lease<byte[]> out = pool.acquire(4);
        pool.close();
        assertEquals("pool shut is closed", assertThrows(IllegalStateException.class, () -> pool.acquire(4)).getMessage());
        assertEquals("pool shut is closed", assertThrows(IllegalStateException.class, () -> pool.tryAcquire(4)).getMessage());
        assertTrue(pool.objectName().isEmpty(), "no MXBean after close");
        out.close();
        out.close();
        StatsSnapshot snapshot = pool.snapshot();
        assertEquals(1, snapshot.stats().releases(), () -> "a lease closed after the pool's close is counted: " + snapshot);
        assertEquals(1, snapshot.doubleReleases(), () -> snapshot.toString());
        assertEquals(0, snapshot.stats().outstanding());
        pool.close();
    }

    @Test
    void aSnapshotWithANullOrNegativeFigureIsRefusedNamingTheFigure() {
        PoolStats stats = PoolStats.idleOnly(0, 0);
        assertEquals("stats", assertThrows(NullPointerException.class,
                () -> new StatsSnapshot(null, 0, 0, 0, 0, 0, 0, 0)).getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StatsSnapshot(stats, 0, 0, 0, 0, 0, -1, 0));
        assertTrue(e.getMessage().contains("doubleReleases") && e.getMessage().contains("doubleReleases=-1"), e.getMessage());
        IllegalArgumentException p99 = assertThrows(IllegalArgumentException.class,
                () -> new StatsSnapshot(stats, 0, 0, 0, Long.MIN_VALUE, 0, 0, 0));
        assertTrue(p99.getMessage().contains("p99WaitNanos=" + Long.MIN_VALUE), p99.getMessage());
    }

    @Test
    void nullSettingsAreRefusedByName() {
        assertEquals("leakDetection",
                assertThrows(NullPointerException.class, () -> builder.leakDetection(null)).getMessage());
        assertEquals("reportScheduler",
                assertThrows(NullPointerException.class, () -> builder.reportScheduler(null)).getMessage());
    }
}
