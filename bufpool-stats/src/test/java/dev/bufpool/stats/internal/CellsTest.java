package dev.bufpool.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CellsTest {

    private final Cells cells = new Cells();

    private void acquireOnNewThread(int times, long bytes) throws InterruptedException {
        Thread thread = new Thread(() -> {
            for (int i = 0; i < times; i++) {
                cells.mine().acquire(bytes);
            }
        });
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(thread.isAlive());
    }

    private static void assertTotals(Totals totals, long acquired, long acquiredBytes, long released,
            long releasedBytes, long peak, long peakBytes) {
        assertEquals(List.of(acquired, acquiredBytes, released, releasedBytes, peak, peakBytes),
                List.of(totals.acquired, totals.acquiredBytes, totals.released, totals.releasedBytes, totals.peak,
                        totals.peakBytes));
    }

    @Test
    void aThreadKeepsOneCellAndTheSumsAddEveryThreadsCell() throws InterruptedException {
        Cell mine = cells.mine();
        assertSame(mine, cells.mine());
        assertSame(Thread.currentThread(), mine.owner);
        mine.acquire(100);
        mine.release(100);
        mine.release(20);
        acquireOnNewThread(5, 10);

        // counters summed; the peaks are the first cell's own, 1 and 100, kept when the second
        // thread retired them; the second cell never had peaks of its own
        assertTotals(cells.sums(), 6, 150, 2, 120, 1, 100);
        assertEquals(4, cells.sums().out());
        assertEquals(30, cells.sums().outBytes());
    }

    @Test
    void theOnlyThreadsCellRaisesItsPeaksExactlyAtTheReleaseThatEndsEachHigh() {
        Cell mine = cells.mine();
        mine.acquire(10);
        mine.acquire(300);
        assertEquals(0, mine.peak, "a high is seen when it ends, or by a snapshot");
        mine.release(10);
        assertEquals(2, mine.peak);
        assertEquals(310, mine.peakBytes);
        mine.acquire(5);
        mine.release(300);
        mine.release(5);

        assertEquals(2, mine.peak, "two out at once, never three");
        assertEquals(310, mine.peakBytes, "bytes peak at 10 + 300, not at the later 300 + 5");
    }

    @Test
    void aReleaseSaysWhenTheCellsSampleIsDue() {
        Cell mine = cells.mine();
        int due = 0;
        for (int i = 0; i < 3 * Recorder.SAMPLE_EVERY; i++) {
            mine.acquire(1);
            if (mine.release(1)) {
                due++;
            }
        }
        assertEquals(3, due);
    }

    @Test
    void anotherThreadRetiresTheFirstCellsPeaksSoItsLaterFiguresNeverCount() throws InterruptedException {
        Cell mine = cells.mine();
        mine.acquire(8);
        mine.acquire(8);
        mine.release(8);
        acquireOnNewThread(1, 1);

        // This cell now also holds acquisitions whose releases another thread may count: its own
        // out is no longer the pool's, so a rise must not show as a peak.
        for (int i = 0; i < 10; i++) {
            mine.acquire(8);
        }
        mine.release(8);

        assertEquals(Cell.RETIRED, mine.peak);
        assertEquals(Cell.RETIRED, mine.peakBytes);
        assertEquals(2, cells.sums().peak, "the peak it had when retired");
        assertEquals(16, cells.sums().peakBytes);
    }

    @Test
    void onlyTheFirstThreadSeesThePoolAsSingleThreaded() throws InterruptedException {
        cells.mine();
        assertTrue(cells.single());
        acquireOnNewThread(1, 1);
        assertFalse(cells.single());
    }

    @Test
    void cellsOfTerminatedThreadsAreFoldedSoTheTableStaysBounded() throws InterruptedException {
        int threads = 200;
        for (int t = 0; t < threads; t++) {
            acquireOnNewThread(3, 10);
        }

        assertTrue(cells.size() < 40, "cells kept: " + cells.size());
        // only the first thread had peaks of its own, and it released nothing to raise them
        assertTotals(cells.sums(), 3L * threads, 30L * threads, 0, 0, 0, 0);
    }

    @Test
    void threadsAliveTogetherKeepTheirOwnCellsEvenWhenTheirIdsShareAnOwnerSlot() throws Exception {
        // More live threads than the owner table has entries: some ids collide, and those threads
        // must still each get one cell of their own, found again on every call.
        int threads = 300;
        CountDownLatch allRegistered = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                Cell first = cells.mine();
                allRegistered.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 100; i++) {
                    Cell cell = cells.mine();
                    if (cell != first || cell.owner != Thread.currentThread()) {
                        wrong.add(Thread.currentThread().getName());
                    }
                    cell.acquire(1);
                }
            });
            started.add(thread);
            thread.start();
        }
        assertTrue(allRegistered.await(30, TimeUnit.SECONDS));
        go.countDown();
        for (Thread thread : started) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(thread.isAlive());
        }

        assertTrue(wrong.isEmpty(), "threads handed another cell: " + wrong);
        assertEquals(100L * threads, cells.sums().acquired);
    }

    @Test
    void aResetZeroesOwnPeaksAndTheRetiredOnesButLeavesRetiredCellsRetired() throws InterruptedException {
        Cell mine = cells.mine();
        mine.acquire(400);
        mine.acquire(400);
        mine.release(400);
        assertEquals(2, mine.peak);
        cells.resetPeaks();
        assertEquals(0, mine.peak, "zeroed; the next release raises it again");
        mine.acquire(400);
        mine.release(400);
        assertEquals(2, mine.peak);

        for (int t = 0; t < 40; t++) {
            acquireOnNewThread(7, 1); // enough ended threads for a sweep to fold some into the base
        }
        assertEquals(2, cells.sums().peak);

        cells.resetPeaks();

        assertEquals(0, cells.sums().peak);
        assertEquals(0, cells.sums().peakBytes);
        assertEquals(Cell.RETIRED, mine.peak);
        assertEquals(1 + 7 * 40, cells.sums().out(), "a reset leaves the counters alone");
    }

    @Test
    void aLeakEndsTheSingleThreadStateForGood() throws InterruptedException {
        Cell mine = cells.mine();
        mine.acquire(3);
        mine.acquire(3);
        mine.release(3);
        assertTrue(cells.single());
        cells.endSingle();
        assertFalse(cells.single());
        assertEquals(Cell.RETIRED, mine.peak);
        assertEquals(2, cells.sums().peak, "the peak before the leak is kept");
        acquireOnNewThread(1, 1);
        assertFalse(cells.single());
    }

    @Test
    void theThreadLocalHoldsItsCellWeaklySoAClosedPoolKeepsNothingOfThisModuleReachable() throws Exception {
        // Every thread's first use puts its cell in the ThreadLocal. Once the Cells (the pool) is
        // gone, the live thread's stale map entry must not keep the cell, so neither its class.
        AtomicReference<Cells> handOver = new AtomicReference<>(new Cells());
        List<WeakReference<?>> refs = new CopyOnWriteArrayList<>();
        refs.add(new WeakReference<>(handOver.get()));
        CountDownLatch counted = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            refs.add(cellOf(handOver.getAndSet(null)));
            counted.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        try {
            assertTrue(counted.await(30, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (refs.stream().anyMatch(ref -> ref.get() != null)) {
                assertTrue(System.nanoTime() < deadline, "the cell stayed reachable from its live thread");
                System.gc();
            }
        } finally {
            done.countDown();
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    private static WeakReference<Cell> cellOf(Cells pool) {
        return new WeakReference<>(pool.mine());
    }
}
