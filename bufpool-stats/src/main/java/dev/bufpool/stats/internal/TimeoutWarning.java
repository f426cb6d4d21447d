package dev.bufpool.stats.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The WARN written when an acquisition gives up waiting. An exhausted pool can time out thousands
 * of times a second, so at most one warning is written per {@link #INTERVAL}; it says how many
 * timeouts went unreported since the previous one. The exception itself goes to the caller and is
 * not logged here. Thread-safe: of racing timeouts, the one whose CAS moves the last-warned time
 * writes the warning.
 */
public final class TimeoutWarning {

    /** The shortest time between two warnings of one pool. */
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final Logger log;
    private final String poolName;
    private final LongSupplier ticker;
    private final Recorder recorder;
    private final AtomicLong lastWarned;
    private final LongAdder unreported = new LongAdder();

    /**
     * @param log where to warn
     * @param poolName the pool's name, for the warning
     * @param ticker the clock, in nanoseconds
     * @param recorder the pool's figures, quoted in the warning
     */
    public TimeoutWarning(Logger log, String poolName, LongSupplier ticker, Recorder recorder) {
        this.log = log;
        this.poolName = poolName;
        this.ticker = ticker;
        this.recorder = recorder;
        this.lastWarned = new AtomicLong(ticker.getAsLong() - INTERVAL.toNanos());
    }

    /** Warns that an acquisition gave up after {@code waitedNanos}, unless one warned lately. */
    public void timedOut(long waitedNanos) {
        long now = ticker.getAsLong();
        long last = lastWarned.get();
        if (now - last < INTERVAL.toNanos() || !lastWarned.compareAndSet(last, now)) {
            unreported.increment();
            return;
        }
        long quiet = unreported.sumThenReset();
        log.warn("pool {}: an acquisition gave up after waiting {} ms; timeouts={}, outstanding={}{}",
                poolName, TimeUnit.NANOSECONDS.toMillis(waitedNanos), recorder.timeouts(),
                recorder.outstanding(), quiet == 0 ? "" : " (" + quiet + " more since the last warning)");
    }
}
