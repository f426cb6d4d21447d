package dev.bufpool.stats.internal;

import dev.bufpool.PoolStats;
import dev.bufpool.stats.StatsSnapshot;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The figures of one decorated pool. Thread-safe; the hot path is lock-free and does no atomic
 * read-modify-write.
 *
 * <p>How it works. Acquisitions, releases and their bytes go to the calling thread's cell of
 * {@link Cells}: plain adds with opaque writes, no CAS. Leases and bytes out are derived when read:
 * {@code outstanding = acquisitions - releases - leaked}, exact when quiescent. The rare events
 * (waits, timeouts, exceptions, double releases, leaks) go to {@link LongAdder}s and atomics.
 *
 * <p>Peaks. A peak is the most out at one moment, and per-thread cells have no common moment, so
 * the peaks are raised (by CAS, only when they grow) from samples of the exact sums. While a single
 * thread has ever used the pool and no lease was reported leaked, that thread's cell is the whole
 * sum and every acquisition samples it: the peaks are exact, except that an acquisition racing the
 * report of the first leak may count the leaked lease as out once more. Once several threads have
 * used the pool, or a lease has leaked, the peaks are sampled at every snapshot, every wait, and
 * every {@value Cells#SAMPLE_EVERY}th acquisition of each thread, so a spike shorter than that may
 * be missed. An exact peak under concurrency would need a shared atomic counter updated by every
 * acquisition and release, which costs several times the pool's own hot path.
 *
 * <p>Invariants: every lease ends once, closed (a release) or reported as leaked, so at quiescence
 * {@code acquisitions = releases + outstanding + leaked}; peaks only rise, except by
 * {@link #resetPeaks()}, and a snapshot never shows a peak below its current value.
 */
public final class Recorder {

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
     * Counts a lease handed out holding {@code bytes}, on the calling thread's cell.
     *
     * @return that cell, for the lease to count its release on if the same thread closes it
     */
    public long[] acquired(long bytes) {
        long[] cell = cells.mine();
        long acquisitions = Cells.add(cell, Cells.ACQUIRED, 1);
        long acquiredBytes = Cells.add(cell, Cells.ACQUIRED_BYTES, bytes);
        if (cells.single()) {
            // Nothing has leaked while single() holds, so this cell's difference is the leases out.
            raisePeaks(acquisitions - Cells.own(cell, Cells.RELEASED), acquiredBytes - Cells.own(cell, Cells.RELEASED_BYTES));
        } else if (Cells.sampleDue(cell)) {
            sample();
        }
        return cell;
    }

    /**
     * Counts a lease given back that held {@code bytes}.
     *
     * @param cell the cell of the thread that acquired it
     * @param owner that thread; the release goes to its cell if it is the caller, else to the caller's
     */
    public void released(long bytes, long[] cell, Thread owner) {
        long[] mine = Thread.currentThread() == owner ? cell : cells.mine();
        Cells.add(mine, Cells.RELEASED, 1);
        Cells.add(mine, Cells.RELEASED_BYTES, bytes);
    }

    /** Counts a buffer given back that held {@code bytes}, on the calling thread's cell. */
    void released(long bytes) {
        released(bytes, null, null);
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
    private long[] sample() {
        long[] sums = cells.sums();
        raisePeaks(out(sums), outBytes(sums));
        return sums;
    }

    /** Leases out; a read racing a hand-off may see a release before its acquisition, hence the floor. */
    private long out(long[] sums) {
        return Math.max(0, sums[Cells.ACQUIRED] - sums[Cells.RELEASED] - leaked.get());
    }

    private long outBytes(long[] sums) {
        return Math.max(0, sums[Cells.ACQUIRED_BYTES] - sums[Cells.RELEASED_BYTES] - leakedBytes.get());
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

    /** @return acquisitions that gave up waiting, so far */
    public long timeouts() {
        return timeouts.sum();
    }

    /** @return leases out now */
    public long outstanding() {
        return out(cells.sums());
    }

    /** Restarts the peaks at the current values, and the wait-time distribution. */
    public void resetPeaks() {
        long[] sums = cells.sums();
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
        long[] sums = sample();
        long out = out(sums);
        long outBytes = outBytes(sums);
        long leaks = countsLeaks ? leaked.get() : Math.max(pool.leaks(), 0);
        PoolStats stats = new PoolStats(sums[Cells.ACQUIRED], sums[Cells.RELEASED], pool.allocations(),
                pool.reuses(), pool.drops(), pool.trims(), out, Math.max(peakOutstanding.get(), out), outBytes,
                pool.idleBuffers(), pool.idleBytes(), waits.count(), timeouts.sum(), leaks);
        return new StatsSnapshot(stats, Math.max(peakBytes.get(), outBytes), waits.totalNanos(),
                waits.meanNanos(), waits.p99Nanos(), waits.maxNanos(), doubleReleases.sum(), exceptions.sum());
    }
}
