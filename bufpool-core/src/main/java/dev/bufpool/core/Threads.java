package dev.bufpool.core;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Facts about threads that the pools need on the hot path, without {@code ThreadLocal}.
 */
public final class Threads {

    /** {@code Thread.isVirtual()} on JDK 21+, {@code null} before; a constant the JIT folds. */
    private static final MethodHandle IS_VIRTUAL = findIsVirtual();

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Threads() {
    }

    private static MethodHandle findIsVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // JDK 17-20: every thread is a platform thread
        }
    }

    /**
     * Tells a virtual thread from a platform one.
     *
     * @param thread a thread
     * @return whether it is a virtual thread (never on JDK 17-20)
     */
    public static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable e) {
            throw new AssertionError("Thread.isVirtual() failed", e);
        }
    }

    /**
     * A well-spread index in {@code [0, mask]} from the thread's identity: its id, mixed by a
     * Fibonacci multiplier so that consecutive ids land on different shards. Costs a multiply.
     *
     * @param thread a thread
     * @param mask a power of two minus one
     * @return the index
     */
    public static int homeIndex(Thread thread, int mask) {
        @SuppressWarnings("deprecation") // Thread.threadId() arrives in JDK 19; getId() is the same value
        long id = thread.getId();
        return (int) ((id * GOLDEN_GAMMA) >>> 32) & mask;
    }

    /**
     * Throws if the calling thread's interrupt flag is set, clearing it, as
     * {@link java.util.concurrent.Semaphore#tryAcquire(long, java.util.concurrent.TimeUnit)} does on
     * entry: for every pool's timed {@code tryAcquire}, whether or not it would wait.
     *
     * @param poolName the pool's name, for the message
     * @throws InterruptedException if the flag was set
     */
    public static void checkInterruptOnEntry(String poolName) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted on entry to tryAcquire of pool " + poolName);
        }
    }
}
