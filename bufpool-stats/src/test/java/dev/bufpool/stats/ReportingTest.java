package dev.bufpool.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.slf4j.event.Level;

/** The periodic INFO summary, driven by hand through a mocked scheduler; and the pool's own thread. */
class ReportingTest {

    private final RecordingLogger log = new RecordingLogger();
    private final ScheduledExecutorService scheduler = mock(ScheduledExecutorService.class);
    private final ScheduledFuture<?> task = mock(ScheduledFuture.class);

    private StatsPoolBuilder<byte[]> builder(String name) {
        return Builders.recorded(new StackPool<>(name, BufferTypes.BYTE_ARRAY), log, new AtomicLong()::get)
                .registerMBean(false);
    }

    private Runnable scheduledEvery(Duration interval) {
        ArgumentCaptor<Runnable> report = ArgumentCaptor.forClass(Runnable.class);
        verify(scheduler).scheduleAtFixedRate(report.capture(), eq(interval.toNanos()), eq(interval.toNanos()),
                eq(TimeUnit.NANOSECONDS));
        return report.getValue();
    }

    @Test
    void eachIntervalWritesOneSummaryAtInfoAndCloseWritesTheLast() {
        doReturn(task).when(scheduler).scheduleAtFixedRate(any(), anyLong(), anyLong(), any());
        StatsBufferPool<byte[]> pool = builder("reported").reportInterval(Duration.ofMinutes(1))
                .reportScheduler(scheduler).build();
        Runnable report = scheduledEvery(Duration.ofMinutes(1));
        Lease<byte[]> lease = pool.acquire(100);
        report.run();
        lease.close();
        pool.close();

        List<String> lines = log.messages(Level.INFO);
        assertEquals(2, lines.size());
        assertEquals("pool reported: out=1 (peak 1), outBytes=100 (peak 100), acquisitions=1, releases=0,"
                + " allocations=1, reuses=0, drops=n/a, trims=n/a, idle=0 (0 bytes), waits=0 (mean 0.0 us,"
                + " p99 0.0 us, max 0.0 us), timeouts=0, leaks=0, doubleReleases=0, exceptions=0", lines.get(0));
        assertTrue(lines.get(1).startsWith("pool reported closed: out=0 (peak 1)"), lines.get(1));
        verify(task).cancel(false);
        verify(scheduler, never()).shutdown();
        verify(scheduler, never()).shutdownNow();
    }

    @Test
    void withoutAnIntervalNothingIsScheduledOrLogged() {
        try (StatsBufferPool<byte[]> pool = builder("silent").build()) {
            pool.acquire(1).close();
        }
        assertTrue(log.messages(Level.INFO).isEmpty());
    }

    @Test
    void aFailingSummaryIsLoggedAndDoesNotStopTheNextOnes() {
        doReturn(task).when(scheduler).scheduleAtFixedRate(any(), anyLong(), anyLong(), any());
        @SuppressWarnings("unchecked")
        dev.bufpool.BufferPool<byte[]> broken = mock(dev.bufpool.BufferPool.class);
        IllegalStateException failure = new IllegalStateException("no stats");
        when(broken.name()).thenReturn("broken");
        when(broken.type()).thenReturn(BufferTypes.BYTE_ARRAY);
        when(broken.stats()).thenThrow(failure);
        StatsBufferPool<byte[]> pool = Builders.recorded(broken, log, new AtomicLong()::get).registerMBean(false)
                .reportInterval(Duration.ofSeconds(1)).reportScheduler(scheduler).build();

        scheduledEvery(Duration.ofSeconds(1)).run();
        pool.close();
        List<RecordingLogger.Line> warnings = log.at(Level.WARN);
        assertEquals(2, warnings.size(), "the periodic summary and the last one");
        assertSame(failure, warnings.get(0).throwable());
        assertEquals("pool broken: the statistics summary failed", warnings.get(0).message());
    }

    @Test
    void aPoolWithoutASchedulerRunsItsOwnDaemonThreadAndStopsItOnClose() throws InterruptedException {
        StatsBufferPool<byte[]> pool = builder("own-thread").reportInterval(Duration.ofHours(1)).build();
        Optional<Thread> thread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("bufpool-stats-own-thread")).findFirst();
        assertTrue(thread.isPresent(), "the reporting thread starts with the pool");
        assertTrue(thread.get().isDaemon());

        pool.close();
        thread.get().join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(thread.get().isAlive());
    }

    @Test
    void aSchedulerThatRefusesTheTaskFailsTheBuildAndLeavesTheWrappedPoolWorking() {
        RejectedExecutionException refused = new RejectedExecutionException("shut down");
        when(scheduler.scheduleAtFixedRate(any(), anyLong(), anyLong(), any())).thenThrow(refused);
        StackPool<byte[]> wrapped = new StackPool<>("refused", BufferTypes.BYTE_ARRAY);
        StatsPoolBuilder<byte[]> builder = StatsBufferPool.builder(wrapped).registerMBean(false)
                .reportInterval(Duration.ofSeconds(1)).reportScheduler(scheduler);

        assertSame(refused, assertThrows(RejectedExecutionException.class, builder::build));
        wrapped.acquire(1).close();
        assertEquals(0, wrapped.closes());
    }
}
