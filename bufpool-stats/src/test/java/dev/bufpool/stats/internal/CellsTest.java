package dev.bufpool.stats.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CellsTest {

    private final Cells cells = new Cells();

    private void countOnNewThread(int times) throws InterruptedException {
        Thread thread = new Thread(() -> {
            for (int i = 0; i < times; i++) {
                long[] cell = cells.mine();
                Cells.add(cell, Cells.ACQUIRED, 1);
                Cells.add(cell, Cells.OUT, 1);
                Cells.add(cell, Cells.OUT_BYTES, 10);
                Cells.raiseOwnPeaks(cell, cell[Cells.OUT], cell[Cells.OUT_BYTES]);
            }
        });
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(thread.isAlive());
    }

    @Test
    void aThreadKeepsOneCellAndTheSumsAddEveryThreadsCell() throws InterruptedException {
        long[] mine = cells.mine();
        assertSame(mine, cells.mine());
        Cells.add(mine, Cells.OUT, -2);
        countOnNewThread(5);

        // acquired 5, out 5 - 2, bytes out 50, (countdown not summed), peaks 5 and 50 (maxima)
        assertArrayEquals(new long[] {5, 3, 50, 0, 5, 50}, cells.sums());
    }

    @Test
    void onlyTheFirstThreadSeesThePoolAsSingleThreaded() throws InterruptedException {
        cells.mine();
        assertTrue(cells.single());
        countOnNewThread(1);
        assertFalse(cells.single());
    }

    @Test
    void cellsOfTerminatedThreadsAreFoldedSoTheTableStaysBounded() throws InterruptedException {
        int threads = 200;
        for (int t = 0; t < threads; t++) {
            countOnNewThread(3);
        }

        assertTrue(cells.size() < 40, "cells kept: " + cells.size());
        assertEquals(3L * threads, cells.sums()[Cells.ACQUIRED]);
        assertEquals(30L * threads, cells.sums()[Cells.OUT_BYTES]);
        assertEquals(3, cells.sums()[Cells.PEAK], "peaks of folded cells are kept as a maximum, not summed");
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
                long[] first = cells.mine();
                allRegistered.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 100; i++) {
                    long[] cell = cells.mine();
                    if (cell != first) {
                        wrong.add(Thread.currentThread().getName());
                    }
                    Cells.add(cell, Cells.ACQUIRED, 1);
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
        assertEquals(100L * threads, cells.sums()[Cells.ACQUIRED]);
    }

    @Test
    void ownPeaksOnlyRiseAndAResetZeroesThemInEveryCell() throws InterruptedException {
        long[] mine = cells.mine();
        Cells.raiseOwnPeaks(mine, 4, 400);
        Cells.raiseOwnPeaks(mine, 2, 500);
        assertEquals(4, mine[Cells.PEAK]);
        assertEquals(500, mine[Cells.PEAK_BYTES]);
        countOnNewThread(7);
        assertEquals(7, cells.sums()[Cells.PEAK]);

        cells.resetPeaks();

        assertEquals(0, cells.sums()[Cells.PEAK]);
        assertEquals(0, cells.sums()[Cells.PEAK_BYTES]);
        assertEquals(7, cells.sums()[Cells.OUT], "a reset leaves the counters alone");
    }

    @Test
    void aLeakEndsTheSingleThreadStateForGood() throws InterruptedException {
        cells.mine();
        assertTrue(cells.single());
        cells.endSingle();
        assertFalse(cells.single());
        countOnNewThread(1);
        assertFalse(cells.single());
    }

    @Test
    void aSampleIsDueOnceInSoManyAcquisitions() {
        long[] cell = cells.mine();
        int due = 0;
        for (int i = 0; i < 3 * Cells.SAMPLE_EVERY; i++) {
            if (Cells.sampleDue(cell)) {
                due++;
            }
        }
        assertEquals(3, due);
    }
}
