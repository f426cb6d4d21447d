package dev.bufpool.stats.internal;

import dev.bufpool.PoolStats;
import dev.bufpool.stats.StatsSnapshot;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The figures of one decorated pool. Thread-safe; the hot path is lock-free and does no atomic
 * read-modify-write.
 *
 * <p>How it works. Each acquisition adds its count and bytes to the calling thread's {@link Cell}
 * (plain adds, no CAS); a release adds its count and bytes to the releasing thread's. Derived when
 * read: {@code outstanding = acquisitions - releases - leaked}, and the same for bytes, exact when
 * quiescent. The rare events (waits, timeouts, exceptions, double releases, leaks) go to
 * {@link LongAdder}s and atomics.
 *
 * <p>Peaks. A peak is the most out at one moment, and per-thread cells have no common moment.
 * While a single thread has ever used the pool and no lease was reported leaked, that thread's
 * cell holds the pool's figures and keeps its own peaks, checked before each release (see
 * {@link Cell#release}): exact, with no atomic and no shared read or write on the hot path. Once
 * several threads have used the pool, or a lease has leaked, the cells' own peaks are retired and
 * the peaks are sampled from the exact sums at every snapshot, every wait, and every
 * {@value #SAMPLE_EVERY}th release of each thread, so a spike shorter than that may be missed;
 * the samples and the retired own peaks are kept in two atomics, raised by CAS only when they
 * grow. A sample never shows more out than was out at one moment (see {@link Cells#sums()}: the
 * acquiring thread counts a release before the buffer goes back, and a sum reads every acquisition
 * before any release), so the peak is never above the truth, and below it only by what the samples
 * missed. An exact peak under concurrency would need a shared atomic counter updated by every
 * acquisition and release, which costs several times the pool's own hot path.
 *
 * <p>Where the work is done. Nothing between the wrapped lease's making and its close may be a
 * call, even a rare one, or escape analysis keeps the wrapped lease object: the cell is found
 * before the wrapped pool is asked ({@link #cellOfCaller()}), and the rare work (a new own peak, a
 * sample) runs in {@link #released(long, Cell)}, after the wrapped lease is closed.
 *
 * <p>Invariants: every lease ends once, closed (a release) or reported as leaked, so at quiescence
 * {@code acquisitions = releases + outstanding + leaked}; peaks only rise, except by
 * {@link #resetPeaks()}, and a snapshot never shows a peak below its current value.
 */
public final class Recorder {

    /**
     * With several threads, each samples the peaks once in this many of its releases: a power of
     * two. Rare enough that the sample's call site stays cold while the JIT profiles the release
     * path (at 1,024 it was seen at a hundred calls, and the JIT then inlined the whole sample
     * into the lease's {@code close}, pushing that past its own inlining limit); at ten million
     * releases a second, still a sample every 1.6 ms.
     */
    static final int SAMPLE_EVERY = 1 << 14;

    private final Cells cells = new Cells();
    private final AtomicLong peakOutstanding = new AtomicLong();
    private final AtomicLong peakBytes = new AtomicLong();
    private final AtomicLong leaked = new AtomicLong();
    private final AtomicLong leakedBytes = new AtomicLong();
    private final LongAdder doubleReleases = new LongAdder();
    private final LongAdder exceptions = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final WaitTimes waits = new WaitTimes();

    /**
     * The calling thread's cell, made on its first use. Taken before the wrapped pool is asked, so
     * that the rare path of a first use (a call) never lies between the wrapped lease's making and
     * its use: escape analysis gives up on a lease that lives across a call.
     *
     * @return the cell to count the caller's acquisitions on
     */
    public Cell cellOfCaller() {
        return cells.mine();
    }

    /**
     * Counts a lease given back that held {@code bytes}. Called after the wrapped lease is closed:
     * the rare work (a new peak, a sample) is a call, which must not come before it.
     *
     * @param cell the cell of the thread that acquired it; the release is counted there if that
     *        thread is the caller, else on the caller's own cell
     */
    void released(long bytes, Cell cell) {
        Cell mine = cell.owner == Thread.currentThread() ? cell : cells.mine();
        if (mine.release(bytes)) {
            sample();
        }
    }

    /**
     * The part of a lease's release that comes after the wrapped lease is closed.
     *
     * @param counted whether the acquiring thread counted the release already, on {@code cell}
     * @param sample whether that count asks for a sample
     */
    void releasedAfterClose(long bytes, Cell cell, boolean counted, boolean sample) {
        if (!counted) {
            released(bytes, cell);
        } else if (sample) {
            sample();
        }
    }

    /** Counts a buffer given back that held {@code bytes}, on the calling thread's cell. */
    void released(long bytes) {
        released(bytes, cells.mine());
    }

    /** Counts a lease reported as leaked: it is no longer out, and never will be released. */
    void leaked(long bytes) {
        leakedBytes.addAndGet(bytes);
        leaked.incrementAndGet();
        cells.endSingle();
    }

    private void raisePeaks(long out, long outBytes) {
        raise(peakOutstanding, out);
        raise(peakBytes, outBytes);
    }

    private static void raise(AtomicLong peak, long value) {
        long current = peak.get();
        while (value > current && !peak.compareAndSet(current, value)) {
            current = peak.get();
        }
    }

    /** Samples the sums and raises the peaks; returns the sums. */
    private Totals sample() {
        Totals sums = cells.sums();
        // The cells' own peaks are those the only thread raised before its releases, retired ones included.
        raisePeaks(Math.max(out(sums), sums.peak), Math.max(outBytes(sums), sums.peakBytes));
        return sums;
    }

    /** Leases out; a read racing a hand-off may see a release before its acquisition, hence the floor. */
    private long out(Totals sums) {
        return Math.max(0, sums.out() - leaked.get());
    }

    private long outBytes(Totals sums) {
        return Math.max(0, sums.outBytes() - leakedBytes.get());
    }

    /** Counts a close of something already closed. */
    public void doubleReleased() {
        doubleReleases.increment();
    }

    /** Counts an exception or error of the wrapped pool, which the caller passes on unchanged. */
    public void failed() {
        exceptions.increment();
    }

    /** Counts an acquisition that waited {@code nanos}; samples the peaks, as the pool may be full. */
    public void waited(long nanos) {
        waits.record(nanos);
        sample();
    }

    /** Counts an acquisition that gave up waiting. */
    public void timedOut() {
        timeouts.increment();
    }

    /** {@return acquisitions that gave up waiting, so far} */
    public long timeouts() {
        return timeouts.sum();
    }

    /** {@return leases out now} */
    public long outstanding() {
        return out(cells.sums());
    }

    /** Restarts the peaks at the current values, and the wait-time distribution. */
    public void resetPeaks() {
        cells.resetPeaks();
        Totals sums = cells.sums();
        peakOutstanding.set(out(sums));
        peakBytes.set(outBytes(sums));
        waits.resetDistribution();
    }

    /**
     * The snapshot of these figures merged with the wrapped pool's own.
     *
     * @param pool the wrapped pool's stats, source of the figures only it can see
     * @param countsLeaks whether this decorator watches for leaks itself; if not, the wrapped
     *        pool's leak figure is used when it tracks one
     */
    public StatsSnapshot snapshot(PoolStats pool, boolean countsLeaks) {
        Totals sums = sample();
        long out = out(sums);
        long outBytes = outBytes(sums);
        long leaks = countsLeaks ? leaked.get() : Math.max(pool.leaks(), 0);
        PoolStats stats = new PoolStats(sums.acquired, sums.released, pool.allocations(),
                pool.reuses(), pool.drops(), pool.trims(), out, Math.max(peakOutstanding.get(), out), outBytes,
                pool.idleBuffers(), pool.idleBytes(), waits.count(), timeouts.sum(), leaks);
        return new StatsSnapshot(stats, Math.max(peakBytes.get(), outBytes), waits.totalNanos(),
                waits.meanNanos(), waits.p99Nanos(), waits.maxNanos(), doubleReleases.sum(), exceptions.sum());
    }
}
