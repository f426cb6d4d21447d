package dev.bufpool.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import dev.bufpool.LeakDetection;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import dev.bufpool.stats.RecordingLogger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LeakTrackerTest {

    private final Recorder recorder = new Recorder();
    private final RecordingLogger log = new RecordingLogger();

    /** Acquires one tracked lease of {@code capacity} elements and {@code bytes} bytes, and drops it. */
    @SuppressWarnings("unchecked")
    private void leakOne(LeakTracker tracker, int capacity, long bytes) {
        Cell cell = recorder.cellOfCaller();
        assertTrue(tracker.sample(cell));
        LeakTracker.Witness witness = tracker.track(cell);
        LeakTracker.sized(witness, cell, capacity, bytes);
        CountedLease.acquired(wrappedLease(), bytes, recorder, cell, witness);
    }

    private RecordingLogger.Line firstLeakReport(LeakTracker tracker) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (log.at(Level.WARN).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the leak was not found");
            System.gc();
            tracker.drain();
        }
        return log.at(Level.WARN).get(0);
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
        leakOne(tracker, 64, 64);

        RecordingLogger.Line warning = firstLeakReport(tracker);
        assertNull(warning.throwable());
        assertEquals("pool sampled: a lease was never closed and is now unreachable; its buffer of 64 elements"
                + " (64 bytes) was not given back through it; set leakDetection to PARANOID to see where it was"
                + " acquired", warning.message());
        assertEquals(0, recorder.outstanding());
    }

    @Test
    void aLeakIsReportedWithItsOwnSizeNotThatOfALaterUntrackedLease() {
        LeakTracker tracker = new LeakTracker(LeakDetection.SAMPLE, 1, recorder, log, "sized");
        leakOne(tracker, 16, 128);
        // An untracked acquisition on the same thread writes its size too, into the cell's scratch.
        Cell cell = recorder.cellOfCaller();
        LeakTracker.sized(null, cell, 1024, 8192);
        CountedLease.acquired(wrappedLease(), 8192, recorder, cell, null).close();

        RecordingLogger.Line warning = firstLeakReport(tracker);
        assertTrue(warning.message().contains("its buffer of 16 elements (128 bytes)"), warning.message());
        assertEquals(1, log.at(Level.WARN).size());
        PoolStats figures = recorder.snapshot(PoolStats.idleOnly(0, 0), true).stats();
        assertEquals(1, figures.leaks());
        assertEquals(0, figures.outstanding());
        assertEquals(0, figures.outstandingBytes(), "the leaked lease's bytes are no longer counted out");
    }

    /** A wrapped pool's lease, for a counted lease to close. */
    @SuppressWarnings("unchecked") // a mock of a generic interface
    private static Lease<byte[]> wrappedLease() {
        return mock(Lease.class);
    }
}
