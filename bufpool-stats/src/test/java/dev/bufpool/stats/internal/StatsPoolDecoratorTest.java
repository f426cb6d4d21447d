package dev.bufpool.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.LeakDetection;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.spi.PoolDecorator;
import dev.bufpool.stats.StackPool;
import dev.bufpool.stats.StatsBufferPool;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatsPoolDecoratorTest {

    private final PoolDecorator decorator = new StatsPoolDecorator();
    private final StackPool<byte[]> wrapped = new StackPool<>("spi", BufferTypes.BYTE_ARRAY);
    private final PoolSpec<byte[]> spec = PoolSpec.builder(BufferTypes.BYTE_ARRAY).name("spi").decorate("stats").build();

    @AfterEach
    void clearProperty() {
        System.clearProperty(StatsBufferPool.REPORT_INTERVAL_PROPERTY);
    }

    @Test
    void isNamedStats() {
        assertEquals("stats", decorator.name());
    }

    @Test
    void decoratesAnyPoolWithACountedOneThatOwnsIt() {
        BufferPool<byte[]> pool = decorator.decorate(wrapped, spec);
        pool.acquire(8).close();

        assertInstanceOf(StatsBufferPool.class, pool);
        assertEquals(1, pool.stats().releases());
        pool.close();
        assertEquals(1, wrapped.closes());
    }

    @Test
    void decoratingACountedPoolAgainReturnsItAsItIs() {
        try (BufferPool<byte[]> once = decorator.decorate(wrapped, spec)) {
            assertSame(once, decorator.decorate(once, spec));
        }
    }

    @Test
    void theSpecsLeakDetectionIsHonoured() {
        PoolSpec<byte[]> paranoid = PoolSpec.builder(BufferTypes.BYTE_ARRAY).name("spi")
                .require(PoolFeature.LEAK_DETECTION).leakDetection(LeakDetection.PARANOID).build();
        try (StatsBufferPool<byte[]> pool = (StatsBufferPool<byte[]>) decorator.decorate(wrapped, paranoid)) {
            leakOne(pool);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pool.stats().leaks() == 0) {
                assertTrue(System.nanoTime() < deadline, "the leak was not found");
                System.gc();
            }
        }
    }

    private static void leakOne(BufferPool<byte[]> pool) {
        pool.acquire(8);
    }

    @Test
    void theReportIntervalPropertyStartsReports() throws InterruptedException {
        System.setProperty(StatsBufferPool.REPORT_INTERVAL_PROPERTY, " PT1H ");
        BufferPool<byte[]> pool = decorator.decorate(wrapped, spec);
        Thread reporter = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("bufpool-stats-spi")).findFirst().orElseThrow();

        pool.close();
        reporter.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(reporter.isAlive());
    }

    @Test
    void aBadReportIntervalPropertyIsRefusedByNameAndThePoolHandedOverIsClosed() {
        System.setProperty(StatsBufferPool.REPORT_INTERVAL_PROPERTY, "1m");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decorator.decorate(wrapped, spec));
        assertEquals("system property dev.bufpool.stats.reportInterval must be an ISO-8601 duration such as PT1M:"
                + " dev.bufpool.stats.reportInterval=1m", e.getMessage());
        assertEquals(1, wrapped.closes());

        System.setProperty(StatsBufferPool.REPORT_INTERVAL_PROPERTY, "PT0S");
        StackPool<byte[]> another = new StackPool<>("another", BufferTypes.BYTE_ARRAY);
        e = assertThrows(IllegalArgumentException.class, () -> decorator.decorate(another, spec));
        assertEquals("reportInterval must be in [PT1S, PT24H]: reportInterval=PT0S", e.getMessage());
        assertEquals(1, another.closes());
    }

    @Test
    void serviceLoaderFindsTheDecorator() {
        StatsPoolDecoratorTest.class.getModule().addUses(PoolDecorator.class);
        List<String> found = ServiceLoader.load(PoolDecorator.class).stream()
                .map(p -> p.type().getName()).collect(Collectors.toList());

        assertTrue(found.contains(StatsPoolDecorator.class.getName()), found::toString);
    }
}
