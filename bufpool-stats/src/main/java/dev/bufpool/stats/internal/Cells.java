package dev.bufpool.stats.internal;

import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * The counters of one pool split into one {@link Cell} per thread, so that the hot path updates
 * them without any atomic read-modify-write: a cell has a single writer, its thread.
 *
 * <p>Finding the cell. The hot path looks first in {@link #owned}, a small table indexed by thread
 * id; a cell carries its owner, so a racy read of the table sees an old cell, a new one, or none,
 * each whole, and the owner check tells whether it is the caller's. When it is another thread's,
 * the cell comes from a {@link ThreadLocal}; on a thread's first use it is created and appended to
 * the {@link Table} under {@link #lock} (once per thread and pool, never on the hot path). A table
 * entry is only taken over when it is empty or its thread has ended, so two live threads whose ids
 * collide do not keep evicting each other: the later one stays on the {@code ThreadLocal} path.
 *
 * <p>Reading. Readers add up every cell with opaque reads, lock-free, over the table they read from
 * the volatile {@link #table} field. A reader that has a happens-before edge from the writers' last
 * update (say, it joined them, or took a lock they released) reads exact sums; a reader racing the
 * writers may read a figure a few updates old.
 *
 * <p>Invariants. A published table is never changed, except that registration may fill a slot at
 * or beyond its {@code size}, which its readers never look at. Cells of threads that have
 * terminated are folded into the next table's {@code base} and dropped when the table has doubled
 * since the last sweep, so the cells kept stay within twice the number of live threads that used
 * the pool; {@link Thread#isAlive()} returning {@code false} orders every write of the dead thread
 * before the fold. The {@code ThreadLocal} holds its cell through a weak reference, and the table
 * holds it strongly while its thread lives: a thread's stale map entry of a closed pool then keeps
 * nothing of this module reachable, not its class loader either.
 */
final class Cells {

    /** Entries of {@link #owned}: a power of two, enough for the threads of a busy server. */
    private static final int OWNED_SLOTS = 256;
    private static final int MIN_SWEEP = 16;

    private final Cell[] owned = new Cell[OWNED_SLOTS];
    private final ThreadLocal<WeakReference<Cell>> local = new ThreadLocal<>();
    private final Object lock = new Object();
    private volatile Table table = new Table(new Cell[MIN_SWEEP], 0, new Totals());
    /**
     * True while a single thread has ever used the pool and no lease was reported leaked; then that
     * thread's cell alone holds every figure, its acquisitions minus releases are the leases out,
     * and it keeps its own peaks. Guarded by {@link #lock} for writes; read by tests.
     */
    private volatile boolean single;
    /** Guarded by {@link #lock}. */
    private boolean used;
    /** Guarded by {@link #lock}. */
    private int sweepAt = MIN_SWEEP;

    /** The calling thread's cell, made on first use. */
    Cell mine() {
        Thread thread = Thread.currentThread();
        Cell cell = owned[slotOf(thread)];
        return cell != null && cell.owner == thread ? cell : mineSlowly(thread);
    }

    @SuppressWarnings("deprecation") // getId(): threadId() arrived in 19, and 17 is supported
    private static int slotOf(Thread thread) {
        return (int) thread.getId() & (OWNED_SLOTS - 1);
    }

    private Cell mineSlowly(Thread thread) {
        WeakReference<Cell> ref = local.get();
        // The table holds the cell strongly while this thread lives, so a reference once set stays set.
        Cell cell = ref == null ? null : ref.get();
        if (cell == null) {
            cell = register(thread);
            local.set(new WeakReference<>(cell));
        }
        int slot = slotOf(thread);
        Cell entry = owned[slot];
        if (entry == null || !entry.owner.isAlive()) {
            // A racing thread may overwrite this entry with its own; either way each entry is whole.
            owned[slot] = cell;
        }
        return cell;
    }

    private Cell register(Thread thread) {
        synchronized (lock) {
            Table t = single ? retired(table) : table;
            if (t.size >= sweepAt) {
                t = t.swept();
                sweepAt = Math.max(MIN_SWEEP, 2 * t.size);
            }
            Cell cell = new Cell(thread, !used);
            table = t.with(cell);
            single = !used;
            used = true;
            return cell;
        }
    }

    /** Guarded by {@link #lock}: {@code t} with every cell's own peaks retired into its base. */
    private static Table retired(Table t) {
        Totals base = t.base.copy(true);
        for (int i = 0; i < t.size; i++) {
            t.cells[i].retirePeaks(base);
        }
        return new Table(t.cells, t.size, base);
    }

    /** Whether only one thread has ever used the pool and nothing leaked; see {@link #single}. */
    boolean single() {
        return single;
    }

    /** Ends the single-thread state for good: called when a lease is reported leaked. */
    void endSingle() {
        synchronized (lock) {
            if (single) {
                table = retired(table);
            }
            single = false;
            used = true;
        }
    }

    /**
     * Every cell added up, the cells of ended threads included.
     *
     * <p><b>Never more out than was.</b> Every acquisition is read first, then every release. An
     * acquisition is counted only after the wrapped pool handed the buffer out, and a release on the
     * acquiring thread is counted before the buffer goes back to the wrapped pool; so with the
     * acquisitions read by time {@code t} and the releases after it, the sums show at most what was
     * out at {@code t}, however cells interleave. (Under the letter of the Java memory model the
     * owners' plain writes have no order for other threads; on multi-copy-atomic hardware, x86 and
     * ARMv8, a release made before the hand-off that allowed a later acquisition is visible to a
     * reader that saw that acquisition. A close on another thread is counted just after the wrapped
     * pool got the buffer back: while one is in flight, the sums may count its buffer twice.)
     *
     * @return the sums
     */
    Totals sums() {
        Table t = table;
        Totals sums = t.base.copy(true);
        for (int i = 0; i < t.size; i++) {
            t.cells[i].readAcquisitions(sums);
        }
        for (int i = 0; i < t.size; i++) {
            t.cells[i].readReleases(sums);
        }
        return sums;
    }

    /** Zeroes every cell's own peaks, for a reset; the caller restarts its sampled peaks. */
    void resetPeaks() {
        synchronized (lock) {
            Table t = table;
            for (int i = 0; i < t.size; i++) {
                t.cells[i].resetPeaks();
            }
            table = new Table(t.cells, t.size, t.base.copy(false));
        }
    }

    /** {@return how many cells are kept} */
    int size() {
        return table.size;
    }

    /** An immutable view of the cells; see the class comment for the one exception. */
    private static final class Table {
        final Cell[] cells;
        final int size;
        /** The folded cells of ended threads. */
        final Totals base;

        Table(Cell[] cells, int size, Totals base) {
            this.cells = cells;
            this.size = size;
            this.base = base;
        }

        Table with(Cell cell) {
            Cell[] c = size < cells.length ? cells : Arrays.copyOf(cells, 2 * cells.length);
            c[size] = cell;
            return new Table(c, size + 1, base);
        }

        Table swept() {
            Cell[] kept = new Cell[cells.length];
            Totals folded = base.copy(true);
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (cells[i].owner.isAlive()) {
                    kept[n++] = cells[i];
                } else {
                    cells[i].read(folded);
                }
            }
            return new Table(Arrays.copyOf(kept, Math.max(MIN_SWEEP, 2 * n)), n, folded);
        }
    }
}
