package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.bufpool.Lease;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** A thread that makes one acquisition that may block, for tests of waiting. */
final class Waiter {

    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(30);

    /**
     * What the acquisition ended with.
     *
     * @param lease the lease got, or {@code null}
     * @param thrown what it threw, or {@code null}
     * @param interruptedAfter whether the thread's interrupt flag was set when it returned or threw
     */
    record Result(Lease<byte[]> lease, Throwable thrown, boolean interruptedAfter) {
    }

    private final Thread thread;
    private volatile Result result;

    private Waiter(Callable<Lease<byte[]>> acquisition) {
        thread = new Thread(() -> {
            try {
                Lease<byte[]> lease = acquisition.call();
                result = new Result(lease, null, Thread.currentThread().isInterrupted());
            } catch (Exception e) {
                result = new Result(null, e, Thread.currentThread().isInterrupted());
            }
        }, "waiter");
    }

    static Waiter start(Callable<Lease<byte[]>> acquisition) {
        Waiter waiter = new Waiter(acquisition);
        waiter.thread.start();
        return waiter;
    }

    /**
     * Returns once the thread is parked (waiting for a buffer) or done, or after a bound; a caller
     * that acts before the thread waits still sees a correct outcome, only a less telling one.
     */
    void awaitWaiting() {
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (System.nanoTime() < deadline) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.TERMINATED) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    void interrupt() {
        thread.interrupt();
    }

    /** Joins the thread, with a bound, and gives what it ended with. */
    Result result() throws InterruptedException {
        thread.join(TimeUnit.NANOSECONDS.toMillis(BOUND_NANOS));
        assertFalse(thread.isAlive(), "the waiter is still waiting");
        return result;
    }
}
