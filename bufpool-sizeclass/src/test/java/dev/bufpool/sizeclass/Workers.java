package dev.bufpool.sizeclass;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/** Runs test code on threads of its own and brings their failures back to the test. */
final class Workers {

    private static final long JOIN_MILLIS = 30_000;

    private Workers() {
    }

    /** A piece of work that may throw. */
    interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} on a new platform thread, waits for it to end, and rethrows its failure. */
    static void runAndJoin(Work work) throws InterruptedException {
        join(start(work));
    }

    /** Starts {@code work} on a new platform thread; {@link #join} rethrows its failure. */
    static Started start(Work work) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> call(work, failure), "sizeclass-test-worker");
        thread.start();
        return new Started(thread, failure);
    }

    /**
     * The means to run work on a virtual thread, if this JDK has them (21+): one element, or none
     * before 21. A test taking its argument from here runs on JDK 21+ and has no case below, where
     * there is nothing to check. Reached through reflection: the module compiles for 17.
     */
    static Stream<VirtualThreads> virtualThreads() {
        Method ofVirtual;
        try {
            ofVirtual = Thread.class.getMethod("ofVirtual");
        } catch (NoSuchMethodException e) {
            return Stream.empty();
        }
        return Stream.of(new VirtualThreads(ofVirtual));
    }

    /** Starts work on new virtual threads. */
    static final class VirtualThreads {

        private final Method ofVirtual;

        private VirtualThreads(Method ofVirtual) {
            this.ofVirtual = ofVirtual;
        }

        /** Runs {@code work} on a new virtual thread, waits for it to end and rethrows its failure. */
        void runAndJoin(Work work) throws Exception {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Object builder = ofVirtual.invoke(null);
            Method startMethod = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
            Thread thread = (Thread) startMethod.invoke(builder, (Runnable) () -> call(work, failure));
            join(new Started(thread, failure));
        }

        @Override
        public String toString() {
            return "virtual threads";
        }
    }

    private static void call(Work work, AtomicReference<Throwable> failure) {
        try {
            work.run();
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    /** Waits for a started worker and rethrows what it threw. */
    static void join(Started started) throws InterruptedException {
        started.thread.join(JOIN_MILLIS);
        assertEquals(Thread.State.TERMINATED, started.thread.getState(), "the worker ended in time");
        Throwable failure = started.failure.get();
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            throw new AssertionError("the worker failed", failure);
        }
    }

    /** A worker thread and where its failure lands. */
    static final class Started {
        final Thread thread;
        final AtomicReference<Throwable> failure;

        Started(Thread thread, AtomicReference<Throwable> failure) {
            this.thread = thread;
            this.failure = failure;
        }
    }
}
