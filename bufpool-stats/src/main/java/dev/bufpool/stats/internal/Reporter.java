package dev.bufpool.stats.internal;

import dev.bufpool.stats.StatsSnapshot;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The periodic INFO summary of one pool, and a last one when the pool closes.
 *
 * <p>The summary runs on the scheduler the caller gave, whose task is cancelled on close, or on a
 * single daemon thread of its own, created with the first task and shut down on close; {@link
 * #close()} waits (up to {@link #CLOSE_WAIT}) for that thread to finish, so no thread of the pool
 * outlives it.
 */
public final class Reporter {

    /** The longest {@link #close()} waits for the reporting thread to finish. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private static final Reporter OFF = new Reporter(null, null, null, null);

    private final Logger log;
    private final String poolName;
    private final Supplier<StatsSnapshot> snapshots;
    private final ScheduledExecutorService own;
    /** The periodic task; {@code null} when off. Set once, before the reporter is published. */
    private ScheduledFuture<?> task;

    private Reporter(Logger log, String poolName, Supplier<StatsSnapshot> snapshots,
            ScheduledExecutorService own) {
        this.log = log;
        this.poolName = poolName;
        this.snapshots = snapshots;
        this.own = own;
    }

    /** {@return a reporter that reports nothing} */
    public static Reporter off() {
        return OFF;
    }

    /**
     * Starts reporting every {@code interval}.
     *
     * @param interval the time between summaries
     * @param scheduler where to run them; {@code null} for a daemon thread of the reporter's own
     * @param log where to write them
     * @param poolName the pool's name, for the summary and the thread
     * @param snapshots the pool's figures
     * @throws java.util.concurrent.RejectedExecutionException if {@code scheduler} refuses the task
     */
    public static Reporter start(Duration interval, ScheduledExecutorService scheduler, Logger log,
            String poolName, Supplier<StatsSnapshot> snapshots) {
        ScheduledExecutorService own = scheduler == null ? ownThread(poolName) : null;
        Reporter reporter = new Reporter(log, poolName, snapshots, own);
        long nanos = interval.toNanos();
        reporter.task = (scheduler == null ? own : scheduler)
                .scheduleAtFixedRate(reporter::report, nanos, nanos, TimeUnit.NANOSECONDS);
        return reporter;
    }

    private static ScheduledExecutorService ownThread(String poolName) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "bufpool-stats-" + poolName);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    void report() {
        log("pool {}: {}");
    }

    private void log(String format) {
        if (!log.isInfoEnabled()) {
            return;
        }
        try {
            log.info(format, poolName, Summary.of(snapshots.get()));
        } catch (RuntimeException e) {
            // A failed summary must not cancel the next ones (an exception would end a periodic task).
            log.warn("pool {}: the statistics summary failed", poolName, e);
        }
    }

    /** Stops the reports, waits for the reporter's own thread, and writes the last summary. */
    public void close() {
        if (task == null) {
            return;
        }
        task.cancel(false);
        if (own != null) {
            own.shutdownNow();
            try {
                own.awaitTermination(CLOSE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log("pool {} closed: {}");
    }
}
