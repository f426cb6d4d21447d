package dev.bufpool.bounded;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a bound, polling it; never sleeps and hopes. */
final class Poll {

    /** Long enough never to be reached on a healthy run, short enough to fail a hung one. */
    static final long BOUND_SECONDS = 30;

    private Poll() {
    }

    /**
     * Returns as soon as {@code condition} holds; fails the test if it does not within the bound.
     *
     * @param condition the condition
     * @param what what was awaited, for the failure message
     */
    static void until(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + BOUND_SECONDS + " s: " + what.get());
            }
            LockSupport.parkNanos(50_000);
        }
    }
}
