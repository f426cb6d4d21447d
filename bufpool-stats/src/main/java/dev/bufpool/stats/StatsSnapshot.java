package dev.bufpool.stats;

import dev.bufpool.PoolStats;
import java.util.Objects;

/**
 * An immutable snapshot of a {@link StatsBufferPool}: the API's {@link PoolStats} plus the figures
 * it has no place for. Exact when the pool is quiescent, approximate while other threads use it.
 *
 * <p>The peaks are exact while a single thread has used the pool, and sampled once several have
 * (see {@link StatsBufferPool}).
 *
 * <p>Wait times are measured only for acquisitions that had to wait (see
 * {@link StatsBufferPool}); the mean is over every such wait since the pool was wrapped, the 99th
 * percentile and the maximum since the pool was wrapped or last {@linkplain StatsBufferPool#reset()
 * reset}. The percentile comes from a histogram whose buckets are at most 12.5% wide, so it may be
 * up to 12.5% above the exact value, but never above the maximum.
 *
 * @param stats the figures of {@link dev.bufpool.BufferPool#stats()}; acquisitions, releases,
 *        outstanding figures and their peaks, waits, timeouts and leaks are counted by the decorator,
 *        allocations, reuses, drops, trims and idle figures come from the wrapped pool and read
 *        {@link PoolStats#UNTRACKED} when it does not track them
 * @param peakOutstandingBytes the most bytes out at once
 * @param totalWaitNanos the time spent in every wait, in nanoseconds
 * @param meanWaitNanos the mean time of a wait, in nanoseconds; 0 before the first wait
 * @param p99WaitNanos the 99th percentile of the wait times, in nanoseconds; 0 before the first wait
 * @param maxWaitNanos the longest wait, in nanoseconds; 0 before the first wait
 * @param doubleReleases closes of a lease or shared handle that was already closed
 * @param exceptions exceptions and errors thrown by the wrapped pool, its leases and shared
 *        buffers, each passed on unchanged
 */
public record StatsSnapshot(
        PoolStats stats,
        long peakOutstandingBytes,
        long totalWaitNanos,
        long meanWaitNanos,
        long p99WaitNanos,
        long maxWaitNanos,
        long doubleReleases,
        long exceptions) {

    /**
     * Checks the snapshot.
     *
     * @param stats the figures of {@link dev.bufpool.BufferPool#stats()}
     * @param peakOutstandingBytes the most bytes out at once
     * @param totalWaitNanos the time spent in every wait
     * @param meanWaitNanos the mean time of a wait
     * @param p99WaitNanos the 99th percentile of the wait times
     * @param maxWaitNanos the longest wait
     * @param doubleReleases closes of something already closed
     * @param exceptions exceptions thrown by the wrapped pool
     * @throws NullPointerException if {@code stats} is {@code null}
     * @throws IllegalArgumentException if a figure is negative
     */
    public StatsSnapshot {
        Objects.requireNonNull(stats, "stats");
        notNegative("peakOutstandingBytes", peakOutstandingBytes);
        notNegative("totalWaitNanos", totalWaitNanos);
        notNegative("meanWaitNanos", meanWaitNanos);
        notNegative("p99WaitNanos", p99WaitNanos);
        notNegative("maxWaitNanos", maxWaitNanos);
        notNegative("doubleReleases", doubleReleases);
        notNegative("exceptions", exceptions);
    }

    private static void notNegative(String figure, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(figure + " must be >= 0: " + figure + "=" + value);
        }
    }
}
