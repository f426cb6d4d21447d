package dev.bufpool.bounded;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when the test says so; safe to read from the pool's timer thread. */
final class FakeClock implements InstantSource {

    private final AtomicLong millis = new AtomicLong(1_000_000);

    /** @param step how far to move the clock forward, {@code >= 0} */
    void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("step must be >= 0: step=" + step);
        }
        millis.addAndGet(step.toMillis());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }
}
