package dev.bufpool.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.LeakDetection;
import java.util.ArrayList;
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
    void closedTracksAreForgottenByTheNextWatchedAcquisition() {
        LeakWatch watch = LeakWatch.of("p", LeakDetection.PARANOID, takenBack::add);
        List<LeakWatch.Witness> held = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            held.add(watch.watch(64, "x"));
        }
        held.forEach(LeakWatch.Witness::closed);
        assertEquals(10, watch.tracked(), "closing makes no call into the watch");
        LeakWatch.Witness open = watch.watch(64, "y");
        assertEquals(1, watch.tracked());
        open.closed();
    }

    @Test
    void closedTracksPushedOutOfTheirStripeAreForgottenAfterACollectionAndNotReported() {
        LeakWatch watch = LeakWatch.of("p", LeakDetection.PARANOID, takenBack::add);
        int pushedOut = 8;
        List<LeakWatch.Witness> held = new ArrayList<>();
        for (int i = 0; i < LeakWatch.Recent.SLOTS + pushedOut; i++) {
            held.add(watch.watch(64, "held-" + i));
        }
        held.forEach(LeakWatch.Witness::closed);
        LeakWatch.Witness last = watch.watch(64, "last");
        assertEquals(pushedOut + 1, watch.tracked(), "those still in the stripe are swept");
        held.clear();

        long deadline = System.nanoTime() + BOUND_NANOS;
        while (watch.tracked() > 1 && System.nanoTime() < deadline) {
            System.gc();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            watch.drain();
        }
        assertEquals(1, watch.tracked(), "the collector found the closed leases' witnesses gone");
        assertEquals(0, watch.leaks());
        assertTrue(takenBack.isEmpty());
        last.closed();
    }

    @Test
    void aClosedPoolsWatchKeepsNoTrack() {
        LeakWatch watch = LeakWatch.of("p", LeakDetection.PARANOID, takenBack::add);
        LeakWatch.Witness open = watch.watch(64, "z");
        watch.close();
        assertEquals(0, watch.tracked());
        open.closed();
        watch.drain();
        assertEquals(0, watch.leaks());
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
