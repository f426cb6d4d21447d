package dev.bufpool.stats.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@link Cells} instances made ahead, each holding the cells of {@value #THREADS} threads that have
 * ended: every thread counted {@value #ACQUIRED} acquisitions of one byte and {@value #RELEASED}
 * releases in each instance, and was joined. {@value #THREADS} cells is the table size at which the
 * next registration sweeps, so the first thread to register in such an instance folds all of them
 * into the table's base.
 *
 * <p>Starting {@value #THREADS} threads for every jcstress state would dominate the test, so
 * instances are made in batches of {@value #BATCH}, by one set of threads that each register in every
 * instance of the batch.
 */
final class DeadCells {

    static final int THREADS = 16;
    static final int ACQUIRED = 3;
    static final int RELEASED = 2;
    private static final int BATCH = 512;

    private static final ConcurrentLinkedQueue<Cells> MADE = new ConcurrentLinkedQueue<>();

    private DeadCells() {
    }

    /** {@return a fresh instance holding {@value #THREADS} dead threads' cells, none of them folded} */
    static Cells next() {
        Cells cells = MADE.poll();
        while (cells == null) {
            makeBatch();
            cells = MADE.poll();
        }
        return cells;
    }

    private static synchronized void makeBatch() {
        if (!MADE.isEmpty()) {
            return;
        }
        List<Cells> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(new Cells());
        }
        List<Thread> threads = new ArrayList<>(THREADS);
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                for (Cells cells : batch) {
                    Cell cell = cells.mine();
                    for (int i = 0; i < ACQUIRED; i++) {
                        cell.acquire(1);
                    }
                    for (int i = 0; i < RELEASED; i++) {
                        cell.release(1);
                    }
                }
            }, "jcstress-dead-cell-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while making cells", e);
            }
        }
        MADE.addAll(batch);
    }
}
