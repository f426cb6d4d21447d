package dev.bufpool.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.LeakDetection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class LeakWatchTest {

    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final List<Object> takenBack = new CopyOnWriteArrayList<>();

    @Test
    void offWatchesNothing() {
        assertNull(LeakWatch.of("p", LeakDetection.OFF, takenBack::add));
    }

    @Test
    void anUnreachableWatchedObjectIsReportedOnceWithItsPayload() {
        LeakWatch watch = LeakWatch.of("p", LeakDetection.PARANOID, takenBack::add);
        watchAndDrop(watch, "slot-7");
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (watch.leaks() == 0 && System.nanoTime() < deadline) {
            System.gc();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            watch.drain();
        }
        watch.drain();
        assertEquals(1, watch.leaks());
        assertEquals(List.of("slot-7"), takenBack);
    }

    @Test
    void aClosedTrackIsNeverReported() {
        LeakWatch watch = LeakWatch.of("p", LeakDetection.PARANOID, takenBack::add);
        closeAndDrop(watch);
        for (int i = 0; i < 5; i++) {
            System.gc();
            watch.drain();
        }
        assertEquals(0, watch.leaks());
        assertTrue(takenBack.isEmpty());
    }

    @Test
    void sampleWatchesAboutOneInSampleInterval() {
        LeakWatch watch = LeakWatch.of("p", LeakDetection.SAMPLE, takenBack::add);
        int watched = 0;
        for (int i = 0; i < 128_000; i++) {
            if (watch.sample()) {
                watched++;
            }
        }
        assertTrue(watched > 500 && watched < 2000, "watched " + watched + " of 128,000");
    }

    private static void watchAndDrop(LeakWatch watch, Object payload) {
        assertNotNull(watch.watch(64, payload));
    }

    private static void closeAndDrop(LeakWatch watch) {
        watch.watch(64, "x").closed();
    }
}
