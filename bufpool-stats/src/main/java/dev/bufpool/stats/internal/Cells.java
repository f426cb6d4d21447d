package dev.bufpool.stats.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Counters of one pool split into one cell per thread, so that the hot path updates them without
 * any atomic read-modify-write: a cell has a single writer, its thread.
 *
 * <p>How it works. A cell is a {@code long[]} found through a {@link ThreadLocal}; on a thread's
 * first use it is created and appended to the {@link Table} under {@link #lock} (once per thread
 * and pool, never on the hot path). The owner adds to a figure with a plain read and an opaque
 * write; readers sum every cell with opaque reads, lock-free, over the table they read from the
 * volatile {@link #table} field. Opaque access keeps each {@code long} whole and makes the writes
 * visible eventually; a reader that has a happens-before edge from the writers' last update (say,
 * it joined them) reads exact sums.
 *
 * <p>Invariants. A table is never changed once published, except that registration may fill a
 * slot at or beyond its {@code size}, which its readers never look at. Cells of threads that have
 * terminated are folded into the next table's {@code base} and dropped when the table has doubled
 * since the last sweep, so the cells kept stay within twice the number of live threads that used
 * the pool; {@link Thread#isAlive()} returning {@code false} orders every write of the dead thread
 * before the fold. A cell is a JDK type, so a thread's stale map entry of a closed pool never keeps
 * this module's class loader reachable.
 */
final class Cells {

    /** The figures of a cell, summed over cells. */
    static final int ACQUIRED = 0;
    static final int RELEASED = 1;
    static final int ACQUIRED_BYTES = 2;
    static final int RELEASED_BYTES = 3;
    static final int FIGURES = 4;
    /** Owner-only: acquisitions left before this thread next samples the peaks (several threads). */
    static final int COUNTDOWN = 4;
    /** With several threads, each samples the peaks on every this many acquisitions. */
    static final int SAMPLE_EVERY = 1024;

    private static final int MIN_SWEEP = 16;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final ThreadLocal<long[]> local = new ThreadLocal<>();
    private final Object lock = new Object();
    private volatile Table table = new Table(new long[MIN_SWEEP][], new Thread[MIN_SWEEP], 0, new long[FIGURES]);
    /** True while a single thread has ever used the pool; then its cell alone holds every figure. */
    private volatile boolean single;
    /** Guarded by {@link #lock}. */
    private boolean used;
    /** Guarded by {@link #lock}. */
    private int sweepAt = MIN_SWEEP;

    /** The calling thread's cell, made on first use. */
    long[] mine() {
        long[] cell = local.get();
        return cell != null ? cell : register();
    }

    private long[] register() {
        long[] cell = new long[FIGURES + 1];
        cell[COUNTDOWN] = SAMPLE_EVERY;
        synchronized (lock) {
            Table t = table;
            if (t.size >= sweepAt) {
                t = t.swept();
                sweepAt = Math.max(MIN_SWEEP, 2 * t.size);
            }
            table = t.with(cell, Thread.currentThread());
            single = !used;
            used = true;
        }
        local.set(cell);
        return cell;
    }

    /** Whether only one thread has ever used the pool; that thread's cell then holds every figure. */
    boolean single() {
        return single;
    }

    /** Adds {@code delta} to figure {@code index} of {@code cell}, which the caller owns; returns the sum. */
    static long add(long[] cell, int index, long delta) {
        long value = (long) SLOT.getOpaque(cell, index) + delta;
        SLOT.setOpaque(cell, index, value);
        return value;
    }

    /** Reads figure {@code index} of the caller's own cell. */
    static long own(long[] cell, int index) {
        return (long) SLOT.getOpaque(cell, index);
    }

    /** Counts down to the next sample on the owner's cell; true when it is due. */
    static boolean sampleDue(long[] cell) {
        if (--cell[COUNTDOWN] > 0) {
            return false;
        }
        cell[COUNTDOWN] = SAMPLE_EVERY;
        return true;
    }

    /** @return each figure summed over every cell, indexed as the figure constants */
    long[] sums() {
        Table t = table;
        long[] sums = t.base.clone();
        for (int i = 0; i < t.size; i++) {
            addTo(sums, t.cells[i]);
        }
        return sums;
    }

    private static void addTo(long[] sums, long[] cell) {
        for (int f = 0; f < FIGURES; f++) {
            sums[f] += (long) SLOT.getOpaque(cell, f);
        }
    }

    /** @return how many cells are kept */
    int size() {
        return table.size;
    }

    /** An immutable view of the cells; see the class comment for the one exception. */
    private static final class Table {
        final long[][] cells;
        final Thread[] owners;
        final int size;
        final long[] base;

        Table(long[][] cells, Thread[] owners, int size, long[] base) {
            this.cells = cells;
            this.owners = owners;
            this.size = size;
            this.base = base;
        }

        Table with(long[] cell, Thread owner) {
            long[][] c = size < cells.length ? cells : Arrays.copyOf(cells, 2 * cells.length);
            Thread[] o = size < owners.length ? owners : Arrays.copyOf(owners, 2 * owners.length);
            c[size] = cell;
            o[size] = owner;
            return new Table(c, o, size + 1, base);
        }

        Table swept() {
            long[][] c = new long[cells.length][];
            Thread[] o = new Thread[owners.length];
            long[] folded = base.clone();
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (owners[i].isAlive()) {
                    c[kept] = cells[i];
                    o[kept++] = owners[i];
                } else {
                    addTo(folded, cells[i]);
                }
            }
            int capacity = Math.max(MIN_SWEEP, 2 * kept);
            return new Table(Arrays.copyOf(c, capacity), Arrays.copyOf(o, capacity), kept, folded);
        }
    }
}
