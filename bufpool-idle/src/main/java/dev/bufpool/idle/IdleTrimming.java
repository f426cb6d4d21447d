package dev.bufpool.idle;

import dev.bufpool.BufferType;
import dev.bufpool.core.TrimTimer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pool's idle trimming: its {@link IdleReserve}, and the tick that feeds and expires it.
 *
 * <p><b>The tick</b> runs {@link IdleBudget#TICKS_PER_PERIOD} times a trim period on a
 * {@link TrimTimer} (no thread of the library), and, when the spec gave a clock (tests driving
 * time), at the start of every {@code stats()} call too ({@link #beforeStats()}).
 * It takes back the caches of ended threads, then, if a tick of the clock has passed since the
 * last one, moves every buffer that was already in a hot ring at the last tick (each ring is FIFO
 * and polled only up to the mark its {@code offers()} gave then) into the reserve, and lets the
 * reserve expire what is due. A buffer reused within a tick never reaches Caffeine; one idle for a
 * tick does, at most two ticks after it was given back, and the reserve expires it
 * {@code idleTimeout} after it entered: so it is trimmed no sooner than {@code idleTimeout} after
 * it was given back, and no later than three ticks (less than a trim period) after that.
 *
 * <p><b>Thread safety:</b> safe for concurrent use; ticks never overlap (a tick finding another
 * one running skips). The marks and their time are guarded by the tick's lock.
 *
 * @param <T> the buffer class
 */
public final class IdleTrimming<T> {

    private final IdleBudget budget;
    private final IdleReserve<T> reserve;
    private final HotRings<T> rings;
    private final LongAdder trims;
    /** For each ring, its {@code offers()} at the last tick; guarded by {@link #tick}. */
    private final long[] marks;
    /** Clock time of the last tick that set {@link #marks}; guarded by {@link #tick}. */
    private long markedAt;
    private final ReentrantLock tick = new ReentrantLock();
    private final TrimTimer<IdleTrimming<T>> timer;
    private volatile boolean closed;

    /**
     * Starts the pool's trimming.
     *
     * @param poolName the pool's name, for the log
     * @param type the buffer type
     * @param budget the pool's budget, {@code trimming()} true
     * @param classCount the reserve's number of classes
     * @param rings the pool's hot rings
     * @param trims the pool's trim counter
     */
    public IdleTrimming(String poolName, BufferType<T> type, IdleBudget budget, int classCount, HotRings<T> rings,
            LongAdder trims) {
        if (!budget.trimming()) {
            throw new IllegalArgumentException("the budget has no idle trimming: " + budget);
        }
        this.budget = budget;
        this.rings = Objects.requireNonNull(rings, "rings");
        this.trims = trims;
        this.reserve = new IdleReserve<>(poolName, type, budget, classCount, trims);
        this.marks = new long[rings.ringCount()];
        this.markedAt = budget.nanoTime();
        this.timer = TrimTimer.start(this, IdleTrimming::runDue, budget.tickNanos());
    }

    /** {@return the reserve, for the pool's miss and overflow paths} */
    public IdleReserve<T> reserve() {
        return reserve;
    }

    /** {@return the timer; for tests} */
    public TrimTimer<IdleTrimming<T>> timer() {
        return timer;
    }

    /**
     * For a pool's {@code stats()}: runs the tick when the spec gave a clock, so that a test that
     * moves its clock sees the trimming due by then. On real time the timer alone runs it.
     */
    public void beforeStats() {
        if (budget.clock() != null) {
            runDue();
        }
    }

    /** Runs the tick now, if no other thread is running it. */
    public void runDue() {
        if (!tick.tryLock()) {
            return;
        }
        try {
            if (closed) {
                return;
            }
            rings.sweepEndedThreads();
            long now = budget.nanoTime();
            if (now - markedAt >= budget.tickNanos()) {
                markedAt = now;
                for (int ring = 0; ring < marks.length; ring++) {
                    moveIdleToReserve(ring);
                }
            }
            reserve.runDue();
        } finally {
            tick.unlock();
        }
    }

    private void moveIdleToReserve(int ring) {
        long mark = marks[ring];
        marks[ring] = rings.offers(ring);
        for (T buffer = rings.pollOfferedBefore(ring, mark); buffer != null; buffer = rings.pollOfferedBefore(ring, mark)) {
            if (!reserve.offer(rings.reserveClass(ring, buffer), buffer)) {
                trims.increment(); // idle for a tick, and the reserve cannot hold it
            }
        }
    }

    /** Stops the timer and empties the reserve; the reserve keeps nothing after. */
    public void close() {
        closed = true;
        timer.cancel();
        reserve.close();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "idleTimeout=%s, reserve bound=%d %s",
                budget.idleTimeoutNanos() == 0 ? "none" : Duration.ofNanos(budget.idleTimeoutNanos()),
                reserve.bound(), budget.weighsBytes() ? "bytes" : "buffers");
    }
}
