package dev.bufpool.bounded.internal;

import java.time.InstantSource;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * When the slots that {@code grow} added have gone unused for {@code idleTimeout}, and so may be
 * taken back: the shrinking policy of one bounded pool. It learns nothing from the fast path; it is
 * told, at each tick, how many slots were available (idle or empty, not leased) and it answers how
 * many of the surplus above the initial size have been available at every tick for at least
 * {@code idleTimeout}. Between ticks, the ledger's slow path tells it what it saw ({@link #saw}):
 * the fewest seen since the last tick end, at this tick, the runs of the levels above them; the
 * levels the tick itself sees above them start a new run at this tick.
 *
 * <p><b>The staircase.</b> For each level {@code j} (1 to the surplus), {@code since(j)} is the time
 * of the first tick of the current run of ticks that all saw at least {@code j} slots available;
 * a tick that sees fewer ends the run of every level above what it saw. A higher level can only
 * have started later, so {@code since} rises with {@code j}, and it is kept as steps
 * {@code (level[i], since[i])}, both strictly rising: levels {@code level[i-1] + 1 .. level[i]}
 * have been available since {@code since[i]}. A tick that sees {@code a} removes the steps above
 * {@code a} (the lowest of them, cut to {@code a}, keeps its start) and adds a step
 * {@code (a, now)} if {@code a} is above the top. The levels due are those with
 * {@code now - since >= idleTimeout}: a prefix, ending at the top of the last step due.
 *
 * <p><b>Thread safety:</b> not thread-safe; every method but {@link #now()} is called under the
 * ledger lock, which orders the ticks. {@link #now()} reads the clock, user code, outside it; a
 * tick whose time is below the last one seen (two ticks read the clock, then took the lock in the
 * other order) counts as the last one, so {@code since} never falls.
 */
final class ShrinkWindow {

    /** The longest trim period, the most a shrink may come later than {@code idleTimeout}. */
    static final long MAX_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Ticks run this many times a trim period {@code min(idleTimeout, MAX_PERIOD_NANOS)}. */
    static final int TICKS_PER_PERIOD = 4;

    /** The clock given in the spec, or {@code null} for {@link System#nanoTime()}. */
    private final InstantSource clock;
    private final long timeoutNanos;
    private final int initialSize;
    private long last;
    private boolean ticked;
    private int[] levels = new int[8];
    private long[] since = new long[8];
    private int steps;
    /** The fewest slots the slow path saw available since the last tick. */
    private int lowWater = Integer.MAX_VALUE;

    /**
     * What one shrink did.
     *
     * @param slots the slots retired
     * @param buffers the idle buffers dropped with them (the other slots were empty)
     * @param size the slots left
     */
    record Shrunk(int slots, int buffers, int size) {
    }

    /**
     * @param clock the clock to read, or {@code null} for the system's monotonic time
     * @param timeoutNanos how long surplus slots may go unused, {@code > 0}
     * @param initialSize the slots the pool was built with, which it never shrinks below
     */
    ShrinkWindow(InstantSource clock, long timeoutNanos, int initialSize) {
        this.clock = clock;
        this.timeoutNanos = timeoutNanos;
        this.initialSize = initialSize;
    }

    /** {@return the time between two ticks: a quarter of {@code min(idleTimeout, 1 s)}} */
    long tickNanos() {
        return Math.max(1, Math.min(timeoutNanos, MAX_PERIOD_NANOS) / TICKS_PER_PERIOD);
    }

    /** {@return how long surplus slots may go unused, in nanoseconds} */
    long timeoutNanos() {
        return timeoutNanos;
    }

    /** {@return the time now in nanoseconds, from the clock if one was given; only differences count} */
    long now() {
        return clock == null ? System.nanoTime() : TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }

    /** @param available the slots the slow path saw available, between two ticks */
    void saw(int available) {
        lowWater = Math.min(lowWater, available);
    }

    /**
     * Records one tick.
     *
     * @param now the time of the tick, from {@link #now()}
     * @param seen the slots available (not leased, nobody waiting) at the tick
     * @param size the slots now
     * @return how many of the slots above the initial size have been available at every tick, and at
     *         what the slow path saw, for at least {@code idleTimeout}
     */
    int observe(long now, int seen, int size) {
        if (ticked && now - last < 0) {
            now = last;
        }
        last = now;
        ticked = true;
        int available = Math.min(seen, Math.max(0, size - initialSize));
        if (lowWater < available) {
            record(now, lowWater);
        }
        lowWater = Integer.MAX_VALUE;
        record(now, available);
        int due = 0;
        for (int i = 0; i < steps && now - since[i] >= timeoutNanos; i++) {
            due = levels[i];
        }
        return due;
    }

    /** One look at the available slots: the runs above {@code available} end, new levels start. */
    private void record(long now, int available) {
        long start = now;
        while (steps > 0 && levels[steps - 1] > available) {
            start = since[--steps];
        }
        if (available > (steps == 0 ? 0 : levels[steps - 1])) {
            push(available, start);
        }
    }

    private void push(int level, long start) {
        if (steps == levels.length) {
            levels = Arrays.copyOf(levels, steps * 2);
            since = Arrays.copyOf(since, steps * 2);
        }
        levels[steps] = level;
        since[steps] = start;
        steps++;
    }

    /**
     * The pool took {@code removed} available slots back: every level moves down by as many, and the
     * levels at or below it are gone.
     *
     * @param removed the slots taken back, {@code >= 0}
     */
    void shrunk(int removed) {
        int kept = 0;
        for (int i = 0; i < steps; i++) {
            if (levels[i] > removed) {
                levels[kept] = levels[i] - removed;
                since[kept] = since[i];
                kept++;
            }
        }
        steps = kept;
    }

    @Override
    public String toString() {
        return "ShrinkWindow[idleTimeout " + timeoutNanos + " ns, initial size " + initialSize + ", " + steps + " steps]";
    }
}
