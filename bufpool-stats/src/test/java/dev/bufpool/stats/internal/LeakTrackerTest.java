package dev.bufpool.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import dev.bufpool.LeakDetection;
import dev.bufpool.Lease;
import dev.bufpool.stats.RecordingLogger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LeakTrackerTest {

    private final Recorder recorder = new Recorder();
    private final RecordingLogger log = new RecordingLogger();

    @SuppressWarnings("unchecked")
    private void leakOne(LeakTracker tracker) {
        Cell cell = recorder.cellOfCaller();
        assertTrue(tracker.sample(cell));
        CountedLease.acquired(mock(Lease.class), 64, 64, recorder, cell, tracker.track(cell));
    }

    @Test
    void aSampleIntervalOutOfRangeIsRefused() {
        for (int interval : new int[] {0, -4, (1 << 29) + 1, Integer.MAX_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new LeakTracker(LeakDetection.SAMPLE, interval, recorder, log, "p"));
            assertEquals("sampleInterval is " + interval + "; it must be from 1 to 536870912",
                    e.getMessage());
        }
    }

    @Test
    void offHasNoTracker() {
        assertNull(LeakTracker.of(LeakDetection.OFF, recorder, log, "off"));
    }

    @Test
    void aSampledLeakIsReportedWithoutAStackAndSaysHowToGetOne() {
        LeakTracker tracker = new LeakTracker(LeakDetection.SAMPLE, 1, recorder, log, "sampled");
        leakOne(tracker);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (log.at(Level.WARN).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the leak was not found");
            System.gc();
            tracker.drain();
        }

        RecordingLogger.Line warning = log.at(Level.WARN).get(0);
        assertNull(warning.throwable());
        assertEquals("pool sampled: a lease was never closed and is now unreachable; its buffer of 64 elements"
                + " (64 bytes) was not given back through it; set leakDetection to PARANOID to see where it was"
                + " acquired", warning.message());
        assertEquals(0, recorder.outstanding());
    }
}
