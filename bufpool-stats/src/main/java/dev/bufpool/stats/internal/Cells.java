package dev.bufpool.stats.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Counters of one pool split into one cell per thread, so that the hot path updates them without
 * any atomic read-modify-write: a cell has a single writer, its thread.
 *
 * <p>Finding the cell. A cell is a {@code long[]}. The hot path looks first in {@link #owned}, a
 * small table indexed by thread id whose entries pair a thread with its cell; an entry is
 * immutable, so a racy read of the table sees either an old entry, a new one, or none, and the
 * owner check tells which. When the entry is another thread's, the cell comes from a
 * {@link ThreadLocal}; on a thread's first use it is created and appended to the {@link Table}
 * under {@link #lock} (once per thread and pool, never on the hot path). A table entry is only
 * taken over when it is empty or its thread has ended, so two live threads whose ids collide do not
 * keep evicting each other: the later one stays on the {@code ThreadLocal} path.
 *
 * <p>Writes are plain. The owner adds to a figure with a plain read and a plain write; readers sum
 * every cell with opaque reads, lock-free, over the table they read from the volatile
 * {@link #table} field. A reader that has a happens-before edge from the writers' last update (say,
 * it joined them, or took a lock they released) reads exact sums; a reader racing the writers may
 * read a figure a few updates old. Plain writes rather than opaque ones because an opaque access is
 * a compiler barrier that, on JDK 17, stops escape analysis from removing the wrapped pool's lease
 * object, which would cost an allocation per acquisition. A {@code long} written plainly may be
 * read torn only on a 32-bit JVM, where the Java memory model allows it; a figure read so is wrong
 * for that one read, and nothing reads the cells but the figures.
 *
 * <p>Invariants. A table is never changed once published, except that registration may fill a
 * slot at or beyond its {@code size}, which its readers never look at, and a reset zeroes the
 * peaks of its base (under {@link #lock}; a reader racing it reads the old or the new peak). Cells of threads that have
 * terminated are folded into the next table's {@code base} and dropped when the table has doubled
 * since the last sweep, so the cells kept stay within twice the number of live threads that used
 * the pool; {@link Thread#isAlive()} returning {@code false} orders every write of the dead thread
 * before the fold. A cell stored in a {@code ThreadLocal} is a JDK type, so a thread's stale map
 * entry of a closed pool never keeps this module's class loader reachable; the owner table belongs
 * to the pool and goes with it.
 */
final class Cells {

    /** The figures of a cell, summed over cells: acquisitions, leases out, bytes out. */
    static final int ACQUIRED = 0;
    static final int OUT = 1;
    static final int OUT_BYTES = 2;
    static final int FIGURES = 3;
    /** Owner-only: acquisitions left before this thread next samples the peaks (several threads). */
    static final int COUNTDOWN = 3;
    /**
     * The most leases and bytes this cell has held out at once, raised by the owner while the pool
     * is {@link #single()} (when this cell's figures are the pool's); merged over cells by maximum.
     */
    static final int PEAK = 4;
    static final int PEAK_BYTES = 5;
    static final int CELL_LENGTH = 6;
    /** With several threads, each samples the peaks on every this many acquisitions. */
    static final int SAMPLE_EVERY = 1024;

    private static final int MIN_SWEEP = 16;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    /** Entries of {@link #owned}: a power of two, enough for the threads of a busy server. */
    private static final int OWNED_SLOTS = 256;

    private final Owned[] owned = new Owned[OWNED_SLOTS];
    private final ThreadLocal<long[]> local = new ThreadLocal<>();
    private final Object lock = new Object();
    private volatile Table table = new Table(new long[MIN_SWEEP][], new Thread[MIN_SWEEP], 0, new long[CELL_LENGTH]);
    /**
     * True while a single thread has ever used the pool and no lease was reported leaked; then that
     * thread's cell alone holds every figure and its acquisitions minus releases are the leases out.
     */
    private volatile boolean single;
    /** Guarded by {@link #lock}. */
    private boolean used;
    /** Guarded by {@link #lock}. */
    private int sweepAt = MIN_SWEEP;

    /** The calling thread's cell, made on first use. */
    long[] mine() {
        Thread thread = Thread.currentThread();
        Owned entry = owned[slotOf(thread)];
        return entry != null && entry.owner == thread ? entry.cell : mineSlowly(thread);
    }

    @SuppressWarnings("deprecation") // getId(): threadId() arrived in 19, and 17 is supported
    private static int slotOf(Thread thread) {
        return (int) thread.getId() & (OWNED_SLOTS - 1);
    }

    private long[] mineSlowly(Thread thread) {
        long[] cell = local.get();
        if (cell == null) {
            cell = register();
        }
        int slot = slotOf(thread);
        Owned entry = owned[slot];
        if (entry == null || !entry.owner.isAlive()) {
            // A racing thread may overwrite this entry with its own; either way each entry is whole.
            owned[slot] = new Owned(thread, cell);
        }
        return cell;
    }

    private long[] register() {
        long[] cell = new long[CELL_LENGTH];
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

    /** Whether only one thread has ever used the pool and nothing leaked; see {@link #single}. */
    boolean single() {
        return single;
    }

    /** Ends the single-thread state for good: called when a lease is reported leaked. */
    void endSingle() {
        synchronized (lock) {
            single = false;
            used = true;
        }
    }

    /** Adds {@code delta} to figure {@code index} of {@code cell}, which the caller owns; returns the sum. */
    static long add(long[] cell, int index, long delta) {
        long value = cell[index] + delta;
        cell[index] = value;
        return value;
    }

    /** Raises the owner's own peaks to {@code out} leases and {@code outBytes} bytes, if higher. */
    static void raiseOwnPeaks(long[] cell, long out, long outBytes) {
        if (out > cell[PEAK]) {
            cell[PEAK] = out;
        }
        if (outBytes > cell[PEAK_BYTES]) {
            cell[PEAK_BYTES] = outBytes;
        }
    }

    /** Counts down to the next sample on the owner's cell; true when it is due. */
    static boolean sampleDue(long[] cell) {
        if (--cell[COUNTDOWN] > 0) {
            return false;
        }
        cell[COUNTDOWN] = SAMPLE_EVERY;
        return true;
    }

    /**
     * @return indexed as the cell constants: each figure summed over every cell, and the peaks as
     *         their maximum over every cell
     */
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
        sums[PEAK] = Math.max(sums[PEAK], (long) SLOT.getOpaque(cell, PEAK));
        sums[PEAK_BYTES] = Math.max(sums[PEAK_BYTES], (long) SLOT.getOpaque(cell, PEAK_BYTES));
    }

    /**
     * Zeroes every cell's own peaks, for a reset; the caller restarts its sampled peaks at the
     * current figures. An owner raising its peak at the same moment writes a figure that was true
     * then, so whichever write lands last leaves a peak that is right for after the reset.
     */
    void resetPeaks() {
        synchronized (lock) {
            Table t = table;
            t.base[PEAK] = 0;
            t.base[PEAK_BYTES] = 0;
            for (int i = 0; i < t.size; i++) {
                SLOT.setOpaque(t.cells[i], PEAK, 0L);
                SLOT.setOpaque(t.cells[i], PEAK_BYTES, 0L);
            }
        }
    }

    /** @return how many cells are kept */
    int size() {
        return table.size;
    }

    /** A thread and its cell, as one immutable entry of the owner table. */
    private static final class Owned {
        final Thread owner;
        final long[] cell;

        Owned(Thread owner, long[] cell) {
            this.owner = owner;
            this.cell = cell;
        }
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
