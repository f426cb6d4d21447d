package dev.bufpool.stats.internal;

import dev.bufpool.PoolStats;
import dev.bufpool.stats.PoolStatsMXBean;
import dev.bufpool.stats.StatsBufferPool;
import dev.bufpool.stats.StatsSnapshot;

/**
 * The {@link PoolStatsMXBean} of one pool; every attribute takes a fresh snapshot. The MBean server
 * calls it through the public interface, so this class stays in the unexported package.
 */
final class PoolStatsBean implements PoolStatsMXBean {

    private final StatsBufferPool<?> pool;

    PoolStatsBean(StatsBufferPool<?> pool) {
        this.pool = pool;
    }

    private PoolStats stats() {
        return pool.stats();
    }

    private StatsSnapshot snapshot() {
        return pool.snapshot();
    }

    @Override
    public String getName() {
        return pool.name();
    }

    @Override
    public String getApplication() {
        return pool.applicationKey().orElse(null);
    }

    @Override
    public String getBufferType() {
        return pool.type().name();
    }

    @Override
    public long getAcquisitions() {
        return stats().acquisitions();
    }

    @Override
    public long getReleases() {
        return stats().releases();
    }

    @Override
    public long getAllocations() {
        return stats().allocations();
    }

    @Override
    public long getReuses() {
        return stats().reuses();
    }

    @Override
    public long getDrops() {
        return stats().drops();
    }

    @Override
    public long getTrims() {
        return stats().trims();
    }

    @Override
    public long getOutstanding() {
        return stats().outstanding();
    }

    @Override
    public long getPeakOutstanding() {
        return stats().peakOutstanding();
    }

    @Override
    public long getOutstandingBytes() {
        return stats().outstandingBytes();
    }

    @Override
    public long getPeakOutstandingBytes() {
        return snapshot().peakOutstandingBytes();
    }

    @Override
    public long getIdleBuffers() {
        return stats().idleBuffers();
    }

    @Override
    public long getIdleBytes() {
        return stats().idleBytes();
    }

    @Override
    public long getWaits() {
        return stats().waits();
    }

    @Override
    public long getTotalWaitNanos() {
        return snapshot().totalWaitNanos();
    }

    @Override
    public long getMeanWaitNanos() {
        return snapshot().meanWaitNanos();
    }

    @Override
    public long getP99WaitNanos() {
        return snapshot().p99WaitNanos();
    }

    @Override
    public long getMaxWaitNanos() {
        return snapshot().maxWaitNanos();
    }

    @Override
    public long getTimeouts() {
        return stats().timeouts();
    }

    @Override
    public long getLeaks() {
        return stats().leaks();
    }

    @Override
    public long getDoubleReleases() {
        return snapshot().doubleReleases();
    }

    @Override
    public long getExceptions() {
        return snapshot().exceptions();
    }

    @Override
    public void resetPeaks() {
        pool.reset();
    }
}
