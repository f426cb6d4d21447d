package dev.bufpool.idle;

import dev.bufpool.PoolSpec;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * How a pool with idle trimming splits its idle bounds between its hot tier (the thread caches and
 * the lock-free rings its hot path uses, which never touch Caffeine) and its {@link IdleReserve},
 * and how often it runs its trimming. Immutable.
 *
 * <p><b>The split.</b> With {@code maxIdleBytes = B}, the hot tier may hold at most half of it,
 * counted pessimistically: {@code hotBuffers = min(maxIdleBuffers, (B / 2) / largestBufferBytes)},
 * where {@code largestBufferBytes} is the size of the largest buffer the pool ever keeps; the
 * reserve gets exactly the rest, {@code B - hotBuffers x largestBufferBytes}, as its Caffeine
 * weight bound in bytes. So the two together never hold more than {@code B}, whatever sizes are
 * kept. Without {@code maxIdleBytes}, the idle bound is a count: the hot tier keeps half of
 * {@code maxIdleBuffers} (rounded up) and the reserve the rest, weighing each buffer 1.
 *
 * <p><b>Time.</b> The trim period is {@code min(idleTimeout, 1 s)} (1 s without a timeout); the
 * pool's trimming runs four times a period. A buffer that is not reused is trimmed no sooner than
 * {@code idleTimeout} after it was given back and no later than {@code idleTimeout} plus one trim
 * period, as long as the pool is open.
 *
 * @param trimming whether idle trimming is on at all
 * @param hotBuffers the most buffers the hot tier keeps, caches included
 * @param reserveBound the reserve's bound: bytes when {@code weighsBytes}, else buffers
 * @param weighsBytes whether the reserve weighs buffers in bytes ({@code maxIdleBytes} given)
 * @param largestBufferBytes the size of the largest buffer the pool keeps
 * @param idleTimeoutNanos how long a buffer may stay idle, {@code 0} for no limit
 * @param tickNanos how often the pool runs its trimming
 * @param clock the clock trimming reads, {@code null} for the system's monotonic time
 */
public record IdleBudget(boolean trimming, int hotBuffers, long reserveBound, boolean weighsBytes,
        long largestBufferBytes, long idleTimeoutNanos, long tickNanos, InstantSource clock) {

    /** The longest trim period. */
    public static final long MAX_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Trimming runs this many times a period. */
    public static final int TICKS_PER_PERIOD = 4;

    /**
     * Works out a pool's idle budget from its spec.
     *
     * @param spec the pool's spec
     * @param maxIdleBuffers the pool's idle bound in buffers, defaults applied
     * @param largestBufferBytes the size in bytes of the largest buffer the pool keeps, {@code > 0}
     * @return the budget: without idle trimming, the whole count for the hot tier and no reserve
     */
    public static IdleBudget of(PoolSpec<?> spec, int maxIdleBuffers, long largestBufferBytes) {
        Objects.requireNonNull(spec, "spec");
        if (largestBufferBytes <= 0) {
            throw new IllegalArgumentException("largestBufferBytes must be > 0: largestBufferBytes=" + largestBufferBytes);
        }
        long timeout = spec.idleTimeout().map(d -> d.toNanos()).orElse(0L);
        long period = timeout == 0 ? MAX_PERIOD_NANOS : Math.min(timeout, MAX_PERIOD_NANOS);
        long tick = Math.max(1, period / TICKS_PER_PERIOD);
        InstantSource clock = spec.clock().orElse(null);
        boolean trimming = spec.idleTimeout().isPresent() || spec.maxIdleBytes().isPresent() || clock != null;
        if (!trimming) {
            return new IdleBudget(false, maxIdleBuffers, 0, false, largestBufferBytes, 0, tick, null);
        }
        if (spec.maxIdleBytes().isPresent()) {
            long bytes = spec.maxIdleBytes().getAsLong();
            int hot = (int) Math.min(maxIdleBuffers, bytes / 2 / largestBufferBytes);
            return new IdleBudget(true, hot, bytes - hot * largestBufferBytes, true, largestBufferBytes, timeout, tick,
                    clock);
        }
        int hot = maxIdleBuffers - maxIdleBuffers / 2;
        return new IdleBudget(true, hot, maxIdleBuffers / 2, false, largestBufferBytes, timeout, tick, clock);
    }

    /** {@return the trim period: the most a trim may come after a buffer's idle timeout} */
    public long periodNanos() {
        return tickNanos * TICKS_PER_PERIOD;
    }

    /** {@return the time trimming reads now, in nanoseconds; only differences are meaningful} */
    public long nanoTime() {
        return clock == null ? System.nanoTime() : TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }
}
