package dev.bufpool.stats;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferType;
import dev.bufpool.LeakDetection;
import dev.bufpool.Lease;
import dev.bufpool.PoolExhaustedException;
import dev.bufpool.PoolStats;
import dev.bufpool.stats.internal.Cell;
import dev.bufpool.stats.internal.CountedLease;
import dev.bufpool.stats.internal.JmxRegistration;
import dev.bufpool.stats.internal.LeakTracker;
import dev.bufpool.stats.internal.Recorder;
import dev.bufpool.stats.internal.Reporter;
import dev.bufpool.stats.internal.TimeoutWarning;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.management.ObjectName;

/**
 * A pool that counts what passes through another pool, of any provider, and shows the figures as
 * {@link #stats()}, {@link #snapshot()}, a JMX {@link PoolStatsMXBean} and, if asked, a periodic
 * SLF4J summary. Every call goes to the wrapped pool, which owns the buffers; its leases come back
 * wrapped in leases that behave exactly as they do (sharing included) and count their close once.
 * Exceptions of the wrapped pool are counted and passed on unchanged.
 *
 * <pre>{@code
 * StatsBufferPool<byte[]> pool = StatsBufferPool.builder(BufferPools.create(spec))
 *         .applicationKey("shop")
 *         .reportInterval(Duration.ofMinutes(1))
 *         .build();
 * }</pre>
 *
 * <p><b>What is counted, and where it comes from.</b> Acquisitions, releases, leases and bytes out
 * (bytes by {@link BufferType#sizeInBytes}) and their peaks, waits, wait times, timeouts, double
 * releases, exceptions and leaks are counted here. Allocations, reuses, drops, trims and the idle
 * figures only the wrapped pool can see: they come from its {@link BufferPool#stats()} and read
 * {@link PoolStats#UNTRACKED} when it does not track them.
 *
 * <p><b>Cost and peaks.</b> The counters are split per thread, so an acquisition and its release
 * do no atomic read-modify-write and take no lock; the lease wrapper is small enough for the JIT to
 * remove when it does not escape (try-with-resources). Leases and bytes out are exact when the pool
 * is quiescent. Their peaks are exact while a single thread has used the pool; once several have,
 * the peaks are the highest values sampled at every snapshot (so every JMX read and report), every
 * wait and every 16,384th release of each thread, and a spike shorter than that may be missed;
 * but a peak is never above what was really out at one moment (a bounded pool's peak never exceeds
 * its size), save for a lease closed on another thread than its acquirer's, which may count double
 * while that close is in flight.
 *
 * <p><b>What counts as a wait.</b> {@link #acquire} and the timed {@link #tryAcquire(int, long,
 * TimeUnit)} first ask the wrapped pool's non-blocking {@link BufferPool#tryAcquire(int)}. Only if
 * that finds no buffer free now do they call the wrapped blocking method, and only that call counts
 * as a wait and is timed; the fast path reads no clock. So an unbounded pool never waits. A wait
 * ends in a timeout when the wrapped {@code acquire} throws {@link PoolExhaustedException} (unless
 * interrupted) or the timed {@code tryAcquire} returns {@code null}. A pool whose non-blocking
 * {@code tryAcquire} takes a buffer ahead of queued waiters lets the decorated pool do the same.
 *
 * <p><b>Logging.</b> At WARN: a timeout (at most one warning every ten seconds, counting the others)
 * and every leak found. At INFO, only when a {@linkplain StatsPoolBuilder#reportInterval report interval} is
 * set: a one-line summary every interval, and a last one on close.
 *
 * <p><b>Thread safety:</b> as {@link BufferPool}; counting is lock-free. Figures are exact when the
 * pool is quiescent, approximate while other threads use it.
 *
 * <p><b>Lifecycle:</b> {@link #close()} stops the reports (and the reporting thread, if the pool
 * has one), unregisters the MXBean and closes the wrapped pool.
 *
 * @param <T> the buffer class
 */
public final class StatsBufferPool<T> implements BufferPool<T> {

    /** The name under which this decorator is offered through {@link dev.bufpool.spi.PoolDecorator}. */
    public static final String DECORATOR_NAME = "stats";

    /**
     * The system property that sets the report interval of pools decorated through
     * {@link dev.bufpool.spi.PoolDecorator}, as an ISO-8601 duration such as {@code PT1M}; unset means
     * no periodic report.
     */
    public static final String REPORT_INTERVAL_PROPERTY = "dev.bufpool.stats.reportInterval";

    /** The shortest report interval. */
    public static final Duration MIN_REPORT_INTERVAL = Duration.ofSeconds(1);

    /** The longest report interval. */
    public static final Duration MAX_REPORT_INTERVAL = Duration.ofDays(1);

    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(StatsBufferPool.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final BufferPool<T> pool;
    private final BufferType<T> type;
    private final String applicationKey;
    private final LongSupplier ticker;
    private final Recorder recorder = new Recorder();
    private final TimeoutWarning timeoutWarning;
    /** {@code null} when leak detection is off. */
    private final LeakTracker leaks;
    private final Reporter reporter;
    /** {@code null} when not registered. */
    private final JmxRegistration registration;
    private volatile boolean closed;

    private StatsBufferPool(StatsPoolBuilder<T> b) {
        pool = b.pool;
        type = Objects.requireNonNull(pool.type(), "pool.type()");
        applicationKey = b.applicationKey;
        ticker = b.ticker;
        timeoutWarning = new TimeoutWarning(b.logger, pool.name(), ticker, recorder);
        // A wrapped pool that watches for leaks itself reports them (and takes back what they held);
        // this decorator then still counts its own leases' leaks, for its figures, but logs none.
        boolean wrappedReports = b.leakDetection != LeakDetection.OFF && pool.stats().leaks() != PoolStats.UNTRACKED;
        leaks = LeakTracker.of(b.leakDetection, recorder, wrappedReports ? null : b.logger, pool.name());
        // The pool is published to other threads from here on, with every field above already set.
        reporter = b.reportInterval == null ? Reporter.off()
                : Reporter.start(b.reportInterval, b.reportScheduler, b.logger, pool.name(), this::snapshot);
        registration = b.registerMBean ? JmxRegistration.register(this, b.logger) : null;
    }

    static <T> StatsBufferPool<T> create(StatsPoolBuilder<T> builder) {
        return new StatsBufferPool<>(builder);
    }

    /**
     * Wraps {@code pool} with the defaults: MXBean registered, no application key, no periodic
     * report, no leak detection of its own. A pool already counted is returned as it is, so a pool
     * is never counted twice.
     *
     * @param pool the pool to count; the result owns it and closes it
     * @param <T> the buffer class
     * @return the counted pool
     * @throws NullPointerException if {@code pool} is {@code null}
     */
    public static <T> StatsBufferPool<T> wrap(BufferPool<T> pool) {
        Objects.requireNonNull(pool, "pool");
        if (pool instanceof StatsBufferPool<T> counted) {
            return counted;
        }
        return builder(pool).build();
    }

    /**
     * Starts a counted pool around {@code pool}, with settings.
     *
     * @param pool the pool to count; the built pool owns it and closes it
     * @param <T> the buffer class
     * @return a new builder
     * @throws NullPointerException if {@code pool} is {@code null}
     * @throws IllegalArgumentException if {@code pool} is already a {@code StatsBufferPool}: settings
     *         cannot be applied twice; use it as it is, or {@link #wrap} it
     */
    public static <T> StatsPoolBuilder<T> builder(BufferPool<T> pool) {
        return new StatsPoolBuilder<>(pool);
    }

    @Override
    public Lease<T> acquire(int minCapacity) {
        // The cell and the leak track first: their rare paths are calls, and none may come between
        // the wrapped lease's making and its close, or the JIT keeps that lease object (see
        // Recorder#cellOfCaller).
        Cell cell = recorder.cellOfCaller();
        LeakTracker.Witness witness = tracked(cell);
        Lease<T> lease = tryWrapped(minCapacity, witness);
        if (lease != null) {
            // Kept apart from the waiting path: a merge of the two leases would stop the JIT from
            // removing the wrapped pool's lease object (escape analysis gives up at such merges).
            return counted(lease, cell, witness);
        }
        return counted(waitFor(minCapacity, witness), cell, witness);
    }

    @Override
    public Lease<T> tryAcquire(int minCapacity) {
        Cell cell = recorder.cellOfCaller();
        LeakTracker.Witness witness = tracked(cell);
        Lease<T> lease = tryWrapped(minCapacity, witness);
        if (lease == null) {
            untrack(witness);
            return null;
        }
        return counted(lease, cell, witness);
    }

    @Override
    public Lease<T> tryAcquire(int minCapacity, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        if (Thread.interrupted()) { // as every pool does on entry; the untimed try below would not
            recorder.failed();
            throw new InterruptedException("interrupted on entry to tryAcquire of pool " + name());
        }
        Cell cell = recorder.cellOfCaller();
        LeakTracker.Witness witness = tracked(cell);
        Lease<T> lease;
        if (timeout <= 0) {
            try {
                lease = pool.tryAcquire(minCapacity, timeout, unit);
            } catch (InterruptedException | RuntimeException | Error e) {
                failed(witness);
                throw e;
            }
        } else {
            lease = tryWrapped(minCapacity, witness);
            if (lease == null) {
                lease = waitFor(minCapacity, timeout, unit, witness);
            }
        }
        if (lease == null) {
            untrack(witness);
            return null;
        }
        return counted(lease, cell, witness);
    }

    /** The witness of the calling thread's next lease, or {@code null} when it is not tracked. */
    private LeakTracker.Witness tracked(Cell cell) {
        return leaks == null || !leaks.sample(cell) ? null : leaks.track(cell);
    }

    /** No lease came of an acquisition: its leak track, if it had one, is taken back. */
    private static void untrack(LeakTracker.Witness witness) {
        if (witness != null) {
            witness.closed();
        }
    }

    /** An acquisition failed: counted, and its leak track taken back. */
    private void failed(LeakTracker.Witness witness) {
        recorder.failed();
        untrack(witness);
    }

    private Lease<T> tryWrapped(int minCapacity, LeakTracker.Witness witness) {
        try {
            return pool.tryAcquire(minCapacity);
        } catch (Throwable e) {
            failed(witness);
            throw e;
        }
    }

    private Lease<T> waitFor(int minCapacity, LeakTracker.Witness witness) {
        long start = ticker.getAsLong();
        boolean timedOut = false;
        try {
            return pool.acquire(minCapacity);
        } catch (PoolExhaustedException e) {
            timedOut = !(e.getCause() instanceof InterruptedException);
            failed(witness);
            throw e;
        } catch (Throwable e) {
            failed(witness);
            throw e;
        } finally {
            waited(start, timedOut);
        }
    }

    private Lease<T> waitFor(int minCapacity, long timeout, TimeUnit unit, LeakTracker.Witness witness)
            throws InterruptedException {
        long start = ticker.getAsLong();
        boolean timedOut = false;
        try {
            Lease<T> lease = pool.tryAcquire(minCapacity, timeout, unit);
            timedOut = lease == null;
            return lease;
        } catch (InterruptedException | RuntimeException | Error e) {
            failed(witness);
            throw e;
        } finally {
            waited(start, timedOut);
        }
    }

    private void waited(long start, boolean timedOut) {
        long nanos = ticker.getAsLong() - start;
        recorder.waited(nanos);
        if (timedOut) {
            recorder.timedOut();
            timeoutWarning.timedOut(nanos);
        }
    }

    private Lease<T> counted(Lease<T> lease, Cell cell, LeakTracker.Witness witness) {
        long bytes;
        int capacity;
        try {
            T buffer = lease.buffer();
            bytes = type.sizeInBytes(buffer);
            capacity = type.capacity(buffer); // on every path: a call on the tracked path alone might stay one
        } catch (Throwable e) {
            lease.close();
            failed(witness);
            throw e;
        }
        if (leaks != null) {
            LeakTracker.sized(witness, cell, capacity, bytes);
        }
        return CountedLease.acquired(lease, bytes, recorder, cell, witness);
    }

    /** {@return the wrapped pool's name} */
    @Override
    public String name() {
        return pool.name();
    }

    /** {@return the wrapped pool's buffer type} */
    @Override
    public BufferType<T> type() {
        return type;
    }

    /**
     * The figures as the API's snapshot: {@code snapshot().stats()}.
     *
     * @return the snapshot, every figure tracked except those the wrapped pool cannot give
     * @throws RuntimeException whatever the wrapped pool's {@code stats()} throws, counted
     */
    @Override
    public PoolStats stats() {
        return snapshot().stats();
    }

    /**
     * Every figure, those {@link PoolStats} has no place for included. Reports the leaks found
     * since the last call first, when leak detection is on.
     *
     * @return the snapshot
     * @throws RuntimeException whatever the wrapped pool's {@code stats()} throws, counted
     */
    public StatsSnapshot snapshot() {
        if (leaks != null) {
            leaks.drain();
        }
        PoolStats wrapped;
        try {
            wrapped = pool.stats();
        } catch (Throwable e) {
            recorder.failed();
            throw e;
        }
        return recorder.snapshot(wrapped, leaks != null);
    }

    /**
     * Restarts the peaks: the peak leases and bytes out become the current figures, and the maximum
     * and 99th percentile of the wait times start over. Counters (acquisitions, waits, total wait
     * time and the rest) keep counting, so rates computed from them stay right.
     */
    public void reset() {
        recorder.resetPeaks();
    }

    /**
     * Trims the wrapped pool.
     *
     * @throws RuntimeException whatever the wrapped pool's {@code trim()} throws, counted
     */
    @Override
    public void trim() {
        try {
            pool.trim();
        } catch (Throwable e) {
            recorder.failed();
            throw e;
        }
    }

    /** {@return the application key given to the builder, if any} */
    public Optional<String> applicationKey() {
        return Optional.ofNullable(applicationKey);
    }

    /** {@return the name of this pool's MXBean while it is registered; empty if it is not, or closed} */
    public Optional<ObjectName> objectName() {
        return registration == null || closed ? Optional.empty() : Optional.of(registration.name());
    }

    /**
     * Stops the periodic report (writing a last summary if reports are on) and waits for the
     * reporting thread, if the pool has one of its own; unregisters the MXBean; reports the leaks
     * found; then closes the wrapped pool. Idempotent. Leases still out may be closed later and are
     * counted.
     *
     * @throws RuntimeException whatever the wrapped pool's {@code close()} throws, counted, after
     *         the reports and the MXBean were stopped
     */
    @Override
    public void close() {
        if (!CLOSED.compareAndSet(this, false, true)) {
            return;
        }
        try {
            reporter.close();
            if (registration != null) {
                registration.unregister();
            }
            if (leaks != null) {
                leaks.drain();
            }
        } finally {
            try {
                pool.close();
            } catch (Throwable e) {
                recorder.failed();
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return "counted " + pool;
    }
}
