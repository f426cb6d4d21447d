package dev.bufpool.stats.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One thread's counters for one decorated pool. Only {@link #owner} writes the counters, with
 * plain reads and writes: no atomic read-modify-write, no fence. Other threads read them through
 * {@link #readAcquisitions(Totals)} and {@link #readReleases(Totals)}, for the sums.
 *
 * <p>Leases out are never stored: they are acquisitions minus releases, so an acquisition and a
 * release each write two words of their own (count and bytes) and never the same word, which keeps
 * the loop-carried chain through memory short.
 *
 * <p>Counters are plain rather than opaque because an opaque write is a compiler barrier that, on
 * JDK 17, stops escape analysis from removing the wrapped pool's lease object. A reader racing the
 * owner may read a figure a few updates old; a {@code long} may be read torn only on a 32-bit JVM,
 * where the Java memory model allows it, and then that one read is wrong.
 *
 * <p><b>Own peaks.</b> While the pool's only thread owns this cell, its figures are the pool's, and
 * {@link #release} raises the cell's own peaks exactly: one plain compare of both peaks against
 * what is out, and a CAS only when a peak rises. Once another thread joins (or a lease leaks), the
 * peaks are <em>retired</em>: set to {@link #RETIRED}, which no figure reaches, so the compare never
 * fires again and the pool samples its peaks instead. Retiring and resetting are atomic
 * ({@link #retirePeaks(Totals)}, {@link #resetPeaks()}) and so is raising, so no raise is lost to them
 * and none lands after them; the owner's plain read of a peak may be stale, which costs at most a
 * needless trip to the CAS, never a wrong peak.
 *
 * <p>The cell is padded on both sides ({@link CellPadding}, {@link CellTail}) so that cells of two
 * threads never share a cache line, even after a collector has copied them next to each other.
 */
public final class Cell extends CellTail {

    /** The peak of a cell whose figures are no longer the pool's: above anything a pool reaches. */
    static final long RETIRED = Long.MAX_VALUE / 2;

    private static final VarHandle ACQUIRED;
    private static final VarHandle ACQUIRED_BYTES;
    private static final VarHandle RELEASED;
    private static final VarHandle RELEASED_BYTES;
    private static final VarHandle PEAK;
    private static final VarHandle PEAK_BYTES;

    static {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            ACQUIRED = lookup.findVarHandle(CellCounters.class, "acquired", long.class);
            ACQUIRED_BYTES = lookup.findVarHandle(CellCounters.class, "acquiredBytes", long.class);
            RELEASED = lookup.findVarHandle(CellCounters.class, "released", long.class);
            RELEASED_BYTES = lookup.findVarHandle(CellCounters.class, "releasedBytes", long.class);
            PEAK = lookup.findVarHandle(CellCounters.class, "peak", long.class);
            PEAK_BYTES = lookup.findVarHandle(CellCounters.class, "peakBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * @param owner the thread that will write this cell
     * @param ownPeaks whether this cell's figures are the pool's, so it keeps peaks of its own;
     *        if not, its peaks start {@linkplain #RETIRED retired}
     */
    Cell(Thread owner, boolean ownPeaks) {
        super(owner, ownPeaks ? 0 : RETIRED);
    }

    /** Owner only: counts an acquisition of {@code bytes}. */
    void acquire(long bytes) {
        acquired++;
        acquiredBytes += bytes;
    }

    /**
     * Owner only: counts a release of {@code bytes}, first raising this cell's own peaks if it has
     * them and what was out until now (this lease included) is above them. Out only rises at an
     * acquisition and stays there until a release, so checking before each release sees every
     * high; what is out and never released is seen by the next snapshot.
     *
     * @return whether the pool's peaks are due for a sample: once in {@value Recorder#SAMPLE_EVERY}
     *         releases of this cell
     */
    boolean release(long bytes) {
        long out = acquired - released;
        long outBytes = acquiredBytes - releasedBytes;
        // One branch for both peaks: negative when either is below what is out.
        if (((peak - out) | (peakBytes - outBytes)) < 0) {
            raisePeaks(out, outBytes);
        }
        releasedBytes += bytes;
        return (++released & (Recorder.SAMPLE_EVERY - 1)) == 0;
    }

    private void raisePeaks(long out, long outBytes) {
        raise(PEAK, out);
        raise(PEAK_BYTES, outBytes);
    }

    private void raise(VarHandle handle, long value) {
        long current = (long) handle.getVolatile(this);
        // A retired peak is above any value, so retiring ends this loop.
        while (value > current && !handle.compareAndSet(this, current, value)) {
            current = (long) handle.getVolatile(this);
        }
    }

    /**
     * Retires this cell's own peaks, from any thread, for good.
     *
     * @param totals raised to the peaks this cell had until now
     */
    void retirePeaks(Totals totals) {
        totals.add(0, 0, 0, 0, ownPeak((long) PEAK.getAndSet(this, RETIRED)),
                ownPeak((long) PEAK_BYTES.getAndSet(this, RETIRED)));
    }

    /**
     * Zeroes this cell's own peaks, from any thread, unless they are retired. A raise racing the
     * reset lands before it (and is zeroed) or after it (and is a figure true after the reset).
     */
    void resetPeaks() {
        reset(PEAK);
        reset(PEAK_BYTES);
    }

    private void reset(VarHandle handle) {
        long current = (long) handle.getVolatile(this);
        while (current != RETIRED && !handle.compareAndSet(this, current, 0L)) {
            current = (long) handle.getVolatile(this);
        }
    }

    /**
     * Adds this cell's acquisitions to {@code totals}, with acquire reads, so that the releases read
     * after them (by {@link #readReleases}) are not read earlier; see {@link Cells#sums()}.
     */
    void readAcquisitions(Totals totals) {
        totals.add((long) ACQUIRED.getAcquire(this), (long) ACQUIRED_BYTES.getAcquire(this), 0, 0, 0, 0);
    }

    /** Adds all of this cell's counters to {@code totals}, acquisitions first; for folding an ended thread's cell. */
    void read(Totals totals) {
        readAcquisitions(totals);
        readReleases(totals);
    }

    /** Adds this cell's releases to {@code totals} and raises its peaks to this cell's own. */
    void readReleases(Totals totals) {
        totals.add(0, 0, (long) RELEASED.getOpaque(this), (long) RELEASED_BYTES.getOpaque(this),
                ownPeak((long) PEAK.getOpaque(this)), ownPeak((long) PEAK_BYTES.getOpaque(this)));
    }

    private static long ownPeak(long peak) {
        return peak == RETIRED ? 0 : peak;
    }
}

/** Padding before the counters: see {@link Cell}. */
abstract class CellPadding {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}

/** The counters of a {@link Cell}, between its two paddings. */
abstract class CellCounters extends CellPadding {
    /** The thread that writes this cell; the owner table's check. */
    final Thread owner;
    long acquired;
    long acquiredBytes;
    long released;
    long releasedBytes;
    /**
     * The most leases and bytes this cell has held out at once while its figures were the pool's,
     * or {@link Cell#RETIRED}. Read plainly by the owner; changed only atomically.
     */
    long peak;
    long peakBytes;
    /**
     * Leases this thread acquires before its next one is tracked for leaks: counted down by
     * {@link LeakTracker#sample(Cell)}, drawn anew by the tracker on each tracked lease. Owner only.
     */
    int untilTracked;
    /** Where {@link LeakTracker#sized} writes the size of an untracked lease; never read. Owner only. */
    final LeakTracker.LeaseSize untrackedSize = new LeakTracker.LeaseSize();

    CellCounters(Thread owner, long peaks) {
        this.owner = owner;
        this.peak = peaks;
        this.peakBytes = peaks;
    }
}

/** Padding after the counters: see {@link Cell}. */
abstract class CellTail extends CellCounters {
    long q00, q01, q02, q03, q04, q05, q06, q07;

    CellTail(Thread owner, long peaks) {
        super(owner, peaks);
    }
}
