package dev.bufpool.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bufpool.BufferTypes;
import dev.bufpool.PoolStats;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
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
    void nullSettingsAreRefusedByName() {
        assertEquals("leakDetection",
                assertThrows(NullPointerException.class, () -> builder.leakDetection(null)).getMessage());
        assertEquals("reportScheduler",
                assertThrows(NullPointerException.class, () -> builder.reportScheduler(null)).getMessage());
    }
}
