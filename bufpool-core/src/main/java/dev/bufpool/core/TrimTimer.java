package dev.bufpool.core;

import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pool's periodic trimming without a thread of the library: each period is a timeout on the
 * JDK's shared delay scheduler (the one behind {@link CompletableFuture#orTimeout}), and the work
 * runs on the common fork-join pool, never on the scheduler's own thread. The work is handed to
 * the pool directly, not through {@code whenCompleteAsync}: with a common-pool parallelism of 1
 * (two processors) {@code CompletableFuture} would start a new thread for every such task.
 *
 * <p><b>Why a timeout, and what {@link #cancel()} guarantees.</b> A timeout registered by
 * {@code orTimeout} is removed from the JDK's scheduler queue as soon as its future completes
 * otherwise (the scheduler cancels it, and removes cancelled tasks). So {@link #cancel()}, by
 * completing the pending period's future, takes the timer out of the queue at once: nothing of a
 * closed pool stays scheduled, and nothing keeps its class loader reachable afterwards. A plain
 * delayed executor would keep its task queued until the delay ran out.
 *
 * <p><b>The owner is held weakly.</b> The pending period references its owner only through a weak
 * reference, so a pool that its user dropped without closing can still be collected; the next
 * period then finds nothing and stops. A period whose work fails is logged and the next one runs,
 * except when the work's classes can no longer be loaded (a {@link LinkageError}: a container closed
 * the jars of an application that left its pool open): then the timer stops for good, and says so
 * only if the logger's own classes still load.
 *
 * <p><b>Thread safety:</b> safe for concurrent use. A period starts only after the previous one has
 * run, so periods of one timer never overlap. A period that races with {@link #cancel()} may still
 * run once; the owner's own closed flag decides what it does then.
 *
 * @param <O> the owner: what the periodic work runs on
 */
public final class TrimTimer<O> {

    private static final Logger LOG = LoggerFactory.getLogger(TrimTimer.class);

    /** The longest {@link #start} waits, once per JVM, for the JDK's delay scheduler to start off this stack. */
    static final long SCHEDULER_START_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** Whether the JDK's delay scheduler has been started off the caller's stack (or that was tried). */
    private static volatile boolean schedulerStarted;

    private final WeakReference<O> owner;
    private final Consumer<? super O> work;
    private final long periodNanos;
    private volatile CompletableFuture<Void> pending;
    private volatile boolean cancelled;

    private TrimTimer(O owner, Consumer<? super O> work, long periodNanos) {
        this.owner = new WeakReference<>(owner);
        this.work = work;
        this.periodNanos = periodNanos;
    }

    /**
     * Starts running {@code work} on {@code owner} once every {@code periodNanos}.
     *
     * @param owner what the work runs on; held weakly
     * @param work the periodic work; must not keep {@code owner} reachable (a static method
     *        reference or a non-capturing lambda), or the owner could never be collected
     * @param periodNanos the period, {@code > 0}
     * @param <O> the owner's class
     * @return the running timer
     */
    public static <O> TrimTimer<O> start(O owner, Consumer<? super O> work, long periodNanos) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("periodNanos must be > 0: periodNanos=" + periodNanos);
        }
        startSchedulerOffThisStack();
        TrimTimer<O> timer = new TrimTimer<>(owner, work, periodNanos);
        timer.schedule();
        return timer;
    }

    /** {@return the period in nanoseconds} */
    public long periodNanos() {
        return periodNanos;
    }

    /** {@return whether a period is waiting in the JDK's scheduler now} */
    public boolean isScheduled() {
        CompletableFuture<Void> current = pending;
        return current != null && !current.isDone();
    }

    /** {@return whether the timer has stopped for good: cancelled, or its work could no longer be loaded} */
    public boolean isStopped() {
        return cancelled;
    }

    /**
     * Stops the timer: the pending period leaves the JDK's scheduler queue now, and no later one is
     * scheduled. Idempotent.
     */
    public void cancel() {
        cancelled = true;
        CompletableFuture<Void> current = pending;
        if (current != null) {
            current.cancel(false);
        }
    }

    private void schedule() {
        if (cancelled) {
            return;
        }
        CompletableFuture<Void> period = new CompletableFuture<>();
        pending = period;
        period.orTimeout(periodNanos, TimeUnit.NANOSECONDS)
                .whenComplete((ignored, outcome) -> {
                    if (outcome instanceof TimeoutException) {
                        ForkJoinPool.commonPool().execute(this::fire); // off the scheduler's thread
                    }
                });
        if (cancelled) {
            period.cancel(false); // cancel() ran between the check above and the publication
        }
    }

    private void fire() {
        O target = owner.get();
        if (target == null || cancelled) {
            return;
        }
        try {
            work.accept(target);
        } catch (LinkageError e) {
            // The work's classes can no longer be loaded: a container closed the jars of an
            // application that left its pool open. Every later period would fail the same way.
            cancelled = true;
            warn("periodic trimming stopped: its classes can no longer be loaded", e);
            return;
        } catch (RuntimeException | Error e) {
            warn("periodic trimming failed; it runs again next period", e);
        }
        target = null; // not held across the wait for the next period
        schedule();
    }

    /**
     * Logs a failed period, if the logger still can: once the application's jars are closed its
     * classes cannot load either, and the timer then stops without a word rather than throw on a
     * common-pool thread (whose default handler would print the error to the server's console).
     */
    private void warn(String message, Throwable failure) {
        try {
            LOG.warn(message, failure);
        } catch (LinkageError loggerGone) {
            cancelled = true;
        }
    }

    /**
     * The JDK starts its delay scheduler thread on first use, and a new thread inherits two things
     * from the code that creates it: the context class loader of the creating thread, and (on JDK 17,
     * whose {@code Thread} constructor captures it even without a security manager) an access control
     * context holding the protection domain of every class on the creating stack. Started from a pool's constructor, the scheduler thread would hold the protection domains
     * of this library's classes, and through them the class loader of the application that loaded
     * it, for the life of the JVM: a redeploy leak, whatever the context class loader was.
     *
     * <p>So the first use happens on a common-pool worker with nothing of this library on its stack:
     * {@code trigger}'s dependent is submitted to a delayed executor by the JDK's own completion code,
     * after the supplier has returned. The common pool's default workers are created with the system
     * class loader as context loader and a fixed access control context, so the scheduler thread
     * inherits neither the caller's loader nor its classes. The caller waits (once per JVM, up to
     * {@link #SCHEDULER_START_WAIT_NANOS}) so that its own first timeout cannot start the scheduler
     * first; if the common pool does not run the task in time, the scheduler is started by whoever
     * uses it first, as without this.
     */
    private static void startSchedulerOffThisStack() {
        if (schedulerStarted) {
            return;
        }
        synchronized (TrimTimer.class) {
            if (schedulerStarted) {
                return;
            }
            CompletableFuture<Object> trigger = new CompletableFuture<>();
            CompletableFuture<Void> started = trigger.thenRunAsync(() -> { },
                    CompletableFuture.delayedExecutor(0, TimeUnit.NANOSECONDS, Runnable::run));
            trigger.completeAsync(() -> null, ForkJoinPool.commonPool());
            try {
                started.get(SCHEDULER_START_WAIT_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("the JDK's delay scheduler did not start on the common pool in time", e);
            }
            schedulerStarted = true;
        }
    }

    @Override
    public String toString() {
        return "TrimTimer[period " + periodNanos + " ns, " + (cancelled ? "cancelled" : "running") + "]";
    }
}
