package dev.bufpool.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class TrimTimerTest {

    private static final long PERIOD = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long BOUND = TimeUnit.SECONDS.toNanos(20);

    /** An owner that counts the periods run on it and the threads they ran on. */
    static final class Owner {
        final AtomicInteger runs = new AtomicInteger();
        volatile String lastThread;

        void tick() {
            lastThread = Thread.currentThread().getName();
            runs.incrementAndGet();
        }
    }

    private static boolean within(BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }

    @Test
    void theWorkRunsEveryPeriodOnTheCommonPoolNotOnTheSchedulersThread() {
        Owner owner = new Owner();
        TrimTimer<Owner> timer = TrimTimer.start(owner, Owner::tick, PERIOD);
        try {
            assertTrue(within(() -> owner.runs.get() >= 3), "ran " + owner.runs.get() + " times");
            assertTrue(owner.lastThread.startsWith("ForkJoinPool.commonPool"), owner.lastThread);
        } finally {
            timer.cancel();
        }
    }

    @Test
    void cancelTakesThePendingPeriodOutAndNoneRunsAfter() {
        Owner owner = new Owner();
        TrimTimer<Owner> timer = TrimTimer.start(owner, Owner::tick, TimeUnit.MINUTES.toNanos(10));
        assertTrue(timer.isScheduled());
        timer.cancel();
        assertFalse(timer.isScheduled());
        timer.cancel(); // idempotent
        assertEquals(0, owner.runs.get());
    }

    @Test
    void aFailingPeriodIsLoggedAndTheNextOneStillRuns() {
        AtomicInteger runs = new AtomicInteger();
        Object owner = new Object();
        TrimTimer<Object> timer = TrimTimer.start(owner, o -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("first period fails");
            }
        }, PERIOD);
        try {
            assertTrue(within(() -> runs.get() >= 2));
        } finally {
            timer.cancel();
        }
    }

    @Test
    void workWhoseClassesCanNoLongerBeLoadedStopsTheTimerAfterOnePeriod() {
        AtomicInteger runs = new AtomicInteger();
        TrimTimer<Object> timer = TrimTimer.start(new Object(), o -> {
            runs.incrementAndGet();
            throw new NoClassDefFoundError("dev/bufpool/Gone (its jar was closed)");
        }, PERIOD);
        try {
            assertTrue(within(timer::isStopped), "a period that cannot load its classes reschedules");
            assertFalse(timer.isScheduled());
            assertEquals(1, runs.get(), "periods never overlap, and none is scheduled after the stop");
        } finally {
            timer.cancel();
        }
    }

    @Test
    void anOwnerDroppedWithoutCancelIsCollectedAndTheTimerStops() {
        Owner owner = new Owner();
        TrimTimer<Owner> timer = TrimTimer.start(owner, Owner::tick, PERIOD);
        WeakReference<Owner> ref = new WeakReference<>(owner);
        owner = null;
        assertTrue(within(() -> {
            System.gc();
            return ref.get() == null;
        }), "the pending timer keeps its owner reachable");
        assertNull(ref.get());
        assertTrue(within(() -> !timer.isScheduled()), "a timer whose owner is gone keeps rescheduling");
    }

    @Test
    void aPeriodMustBePositive() {
        assertEquals("periodNanos must be > 0: periodNanos=0", assertThrows(IllegalArgumentException.class,
                () -> TrimTimer.start(new Object(), o -> { }, 0)).getMessage());
    }
}
