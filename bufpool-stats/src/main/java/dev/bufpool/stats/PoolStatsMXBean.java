package dev.bufpool.stats;

/**
 * The JMX view of one {@link StatsBufferPool}, registered with the platform MBean server under
 * {@code dev.bufpool:type=BufferPool,name=<pool name>}, or
 * {@code dev.bufpool:type=BufferPool,application=<key>,name=<pool name>} when the pool was given an
 * application key. A value with characters that an {@link javax.management.ObjectName} cannot hold
 * as they are is quoted with {@link javax.management.ObjectName#quote(String)}; a name already
 * taken gets a suffix {@code #2}, {@code #3} and so on. Closing the pool unregisters the bean.
 *
 * <p>Every attribute is a plain {@code long} or {@code String}, so JConsole and VisualVM show it
 * as it is. The figures are those of {@link StatsBufferPool#snapshot()}: a figure the wrapped pool
 * does not track reads {@code -1}. Each read takes a fresh snapshot.
 *
 * <p><b>Thread safety:</b> every method may be called from any thread.
 */
public interface PoolStatsMXBean {

    /** {@return the pool's name, as {@link dev.bufpool.BufferPool#name()} gives it} */
    String getName();

    /** {@return the application key the pool was given, or {@code null} if none} */
    String getApplication();

    /** {@return the name of the pool's buffer type, such as {@code byte[]}} */
    String getBufferType();

    /** {@return leases handed out} */
    long getAcquisitions();

    /** {@return leases given back} */
    long getReleases();

    /** {@return buffers allocated because none idle fitted, or -1 if the pool does not track it} */
    long getAllocations();

    /** {@return leases served by an idle buffer, or -1 if the pool does not track it} */
    long getReuses();

    /** {@return returned buffers not kept, or -1 if the pool does not track it} */
    long getDrops();

    /** {@return idle buffers dropped by trimming, or -1 if the pool does not track it} */
    long getTrims();

    /** {@return leases out now} */
    long getOutstanding();

    /**
     * {@return the most leases out at once since the pool was wrapped or its peaks reset; sampled
     * once several threads use the pool (see {@link StatsBufferPool})}
     */
    long getPeakOutstanding();

    /** {@return bytes of the buffers out now} */
    long getOutstandingBytes();

    /** {@return the most bytes out at once, measured as {@link #getPeakOutstanding()}} */
    long getPeakOutstandingBytes();

    /** {@return buffers kept idle now, or -1 if the pool does not track it} */
    long getIdleBuffers();

    /** {@return bytes kept idle now, or -1 if the pool does not track it} */
    long getIdleBytes();

    /** {@return acquisitions that had to wait} */
    long getWaits();

    /** {@return the time spent in every wait, in nanoseconds} */
    long getTotalWaitNanos();

    /** {@return the mean time of a wait, in nanoseconds} */
    long getMeanWaitNanos();

    /** {@return the 99th percentile of the wait times, in nanoseconds, within 12.5%} */
    long getP99WaitNanos();

    /** {@return the longest wait, in nanoseconds} */
    long getMaxWaitNanos();

    /** {@return acquisitions that gave up waiting} */
    long getTimeouts();

    /** {@return leases reported as leaked} */
    long getLeaks();

    /** {@return closes of a lease or shared handle that was already closed} */
    long getDoubleReleases();

    /** {@return exceptions thrown by the wrapped pool and passed on} */
    long getExceptions();

    /** Restarts the peaks and the wait-time distribution, as {@link StatsBufferPool#reset()}. */
    void resetPeaks();
}
