package dev.bufpool;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Thrown when a bounded pool has no buffer for an acquisition within its maximum wait, or when the
 * waiting thread is interrupted (then the cause is the {@link InterruptedException} and the
 * thread's interrupt flag is set again). The message names the pool, the wanted size, the time
 * waited and the leases out.
 */
public class PoolExhaustedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The name of the exhausted pool. */
    private final String poolName;
    /** The capacity the acquisition asked for. */
    private final int requestedCapacity;
    /** How long the acquisition waited. */
    private final Duration waited;
    /** How many leases were out. */
    private final long outstanding;

    /**
     * Creates the exception with a message built from the figures.
     *
     * @param poolName the pool's name
     * @param requestedCapacity the capacity asked for
     * @param waited how long the acquisition waited
     * @param outstanding how many leases were out
     * @param detail further counts for the message, such as {@code "available=0, waiting=3"}; may
     *        be empty
     * @param cause the {@link InterruptedException} when interrupted, else {@code null}
     */
    public PoolExhaustedException(String poolName, int requestedCapacity, Duration waited,
            long outstanding, String detail, Throwable cause) {
        super(message(poolName, requestedCapacity, waited, outstanding, detail, cause), cause);
        this.poolName = poolName;
        this.requestedCapacity = requestedCapacity;
        this.waited = waited;
        this.outstanding = outstanding;
    }

    private static String message(String poolName, int requestedCapacity, Duration waited,
            long outstanding, String detail, Throwable cause) {
        Objects.requireNonNull(poolName, "poolName");
        Objects.requireNonNull(waited, "waited");
        Objects.requireNonNull(detail, "detail");
        String why = cause instanceof InterruptedException ? "interrupted while waiting" : "exhausted";
        return String.format(Locale.ROOT, "pool %s %s: wanted capacity=%d, waited=%d ms, outstanding=%d%s",
                poolName, why, requestedCapacity, waited.toMillis(), outstanding,
                detail.isEmpty() ? "" : ", " + detail);
    }

    /** {@return the name of the pool that was exhausted} */
    public String poolName() {
        return poolName;
    }

    /** {@return the capacity the acquisition asked for} */
    public int requestedCapacity() {
        return requestedCapacity;
    }

    /** {@return how long the acquisition waited} */
    public Duration waited() {
        return waited;
    }

    /** {@return how many leases were out when it gave up} */
    public long outstanding() {
        return outstanding;
    }
}
