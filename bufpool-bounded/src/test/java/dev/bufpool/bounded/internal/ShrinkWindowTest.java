package dev.bufpool.bounded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The staircase of the shrinking policy, driven tick by tick: times are seconds, as nanoseconds. */
class ShrinkWindowTest {

    private static final long TIMEOUT = s(10);
    private static final int INITIAL = 2;

    private static long s(long seconds) {
        return TimeUnit.SECONDS.toNanos(seconds);
    }

    private final ShrinkWindow window = new ShrinkWindow(null, TIMEOUT, INITIAL);

    @Test
    void theSurplusAvailableAtEveryTickForTheTimeoutIsDue() {
        assertEquals(0, window.observe(s(0), 5, 5), "3 surplus, all available");
        assertEquals(0, window.observe(s(9), 5, 5));
        assertEquals(3, window.observe(s(10), 5, 5));
    }

    @Test
    void onlyTheSurplusCounts() {
        assertEquals(0, window.observe(s(0), 4, 3));
        assertEquals(1, window.observe(s(10), 4, 3), "one slot above the initial two");
        assertEquals(0, new ShrinkWindow(null, TIMEOUT, INITIAL).observe(s(10), 2, 2));
    }

    @Test
    void aTickThatSeesFewerEndsTheLevelsAboveAndKeepsTheOnesBelow() {
        window.observe(s(0), 5, 5);
        window.observe(s(4), 1, 5);
        window.observe(s(6), 5, 5);
        assertEquals(1, window.observe(s(10), 5, 5), "level 1 since 0; levels 2 and 3 since 6");
        window.shrunk(1);
        assertEquals(0, window.observe(s(15), 4, 4));
        assertEquals(2, window.observe(s(16), 4, 4), "what was levels 2 and 3 is now 1 and 2");
    }

    @Test
    void whatTheSlowPathSawBetweenTicksCountsAtTheNextTick() {
        window.observe(s(0), 5, 5);
        window.saw(0);
        assertEquals(0, window.observe(s(10), 5, 5), "every level restarts at this tick");
        assertEquals(0, window.observe(s(19), 5, 5));
        assertEquals(3, window.observe(s(20), 5, 5));
    }

    @Test
    void aLowWaterEndsOnlyTheLevelsAboveIt() {
        window.observe(s(0), 5, 5);
        window.saw(2);
        assertEquals(2, window.observe(s(10), 5, 5), "levels 1 and 2 since 0, level 3 since 10");
        window.saw(3);
        assertEquals(2, window.observe(s(11), 5, 5), "a low water at or above what is due changes nothing");
        assertEquals(3, window.observe(s(20), 5, 5));
    }

    @Test
    void aTickWhoseTimeFallsBehindCountsAsTheLastOne() {
        window.observe(s(5), 5, 5);
        window.observe(s(1), 5, 5);
        assertEquals(0, window.observe(s(14), 5, 5));
        assertEquals(3, window.observe(s(15), 5, 5));
    }

    @Test
    void manyRisingLevelsAreKeptAndDueInOrder() {
        int surplus = 100;
        for (int level = 1; level <= surplus; level++) {
            window.observe(TimeUnit.MILLISECONDS.toNanos(100L * level), level, INITIAL + surplus);
        }
        assertEquals(40, window.observe(s(14), surplus, INITIAL + surplus), "level j since j x 100 ms");
        window.shrunk(40);
        assertEquals(10, window.observe(s(15), 60, INITIAL + 60), "levels 41..50, now 1..10");
    }

    @Test
    void theTickIsAQuarterOfTheTimeoutUpToOneSecond() {
        assertEquals(TimeUnit.MILLISECONDS.toNanos(250), window.tickNanos());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(50), new ShrinkWindow(null, TimeUnit.MILLISECONDS.toNanos(200), 1).tickNanos());
        assertEquals(250_000, new ShrinkWindow(null, TimeUnit.MILLISECONDS.toNanos(1), 1).tickNanos());
    }
}
