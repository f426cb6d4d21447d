package dev.bufpool.bounded;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.bufpool.Lease;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A thread that makes one acquisition, which may wait, and keeps what it ended with. */
final class Acquirer<T> {

    private final Thread thread;
    private volatile Lease<T> lease;
    private volatile Throwable thrown;
    private volatile boolean interruptedAfter;
    private volatile boolean done;

    private Acquirer(String name, Callable<Lease<T>> acquisition, Consumer<Acquirer<T>> onDone) {
        thread = new Thread(() -> {
            try {
                lease = acquisition.call();
            } catch (Throwable e) {
                thrown = e;
            }
            interruptedAfter = Thread.currentThread().isInterrupted();
            done = true;
            onDone.accept(this);
        }, name);
        thread.setDaemon(true);
    }

    static <T> Acquirer<T> start(String name, Callable<Lease<T>> acquisition) {
        return start(name, acquisition, a -> { });
    }

    /** Starts the thread; {@code onDone} runs on it once the acquisition has ended. */
    static <T> Acquirer<T> start(String name, Callable<Lease<T>> acquisition, Consumer<Acquirer<T>> onDone) {
        Acquirer<T> acquirer = new Acquirer<>(name, acquisition, onDone);
        acquirer.thread.start();
        return acquirer;
    }

    /**
     * Starts the thread and returns once its acquisition is queued in {@code pool}, which must have
     * no other thread joining or leaving its queue meanwhile.
     */
    static <T> Acquirer<T> queue(BoundedBufferPool<?> pool, String name, Callable<Lease<T>> acquisition) {
        int before = pool.waiting();
        Acquirer<T> acquirer = start(name, acquisition);
        Poll.until(() -> pool.waiting() == before + 1, () -> name + " queued behind " + before + "; " + pool);
        return acquirer;
    }

    /** Joins the thread, with a bound; fails the test if it is still waiting. */
    Acquirer<T> join() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(Poll.BOUND_SECONDS));
        assertFalse(thread.isAlive(), () -> thread.getName() + " is still waiting");
        return this;
    }

    boolean done() {
        return done;
    }

    Lease<T> lease() {
        return lease;
    }

    Throwable thrown() {
        return thrown;
    }

    boolean interruptedAfter() {
        return interruptedAfter;
    }

    void interrupt() {
        thread.interrupt();
    }

    String name() {
        return thread.getName();
    }
}
