package dev.bufpool.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WaitTimesTest {

    @Test
    void everyTimeFallsInABucketAtMostAnEighthWiderThanIt() {
        long[] samples = {0, 1, 7, 8, 9, 15, 16, 17, 1000, 123_456_789, 1L << 40, Long.MAX_VALUE / 3, Long.MAX_VALUE};
        for (long v : samples) {
            int bucket = WaitTimes.bucket(v);
            long upper = WaitTimes.upperBound(bucket);
            assertTrue(bucket >= 0 && bucket < WaitTimes.BUCKETS, "bucket of " + v);
            assertTrue(upper >= v, "upper bound of " + v + " is " + upper);
            assertTrue(upper - v <= v / 8, "bucket of " + v + " reaches " + upper);
            assertTrue(bucket == 0 || WaitTimes.upperBound(bucket - 1) < v, "bucket below " + v);
        }
    }

    @Test
    void theNinetyNinthPercentileIsWithinAnEighthOfTheExactOne() {
        WaitTimes times = new WaitTimes();
        for (long ms = 1; ms <= 1000; ms++) {
            times.record(ms * 1_000_000);
        }
        long exact = 990_000_000L;

        assertTrue(times.p99Nanos() >= exact && times.p99Nanos() <= exact + exact / 8, "p99 " + times.p99Nanos());
        assertEquals(1_000_000_000L, times.maxNanos());
        assertEquals(500_500_000L, times.meanNanos());
        assertEquals(1000, times.count());
    }

    @Test
    void resetRestartsTheDistributionButNotTheCounters() {
        WaitTimes times = new WaitTimes();
        times.record(5_000);
        times.resetDistribution();

        assertEquals(0, times.maxNanos());
        assertEquals(0, times.p99Nanos());
        assertEquals(1, times.count());
        assertEquals(5_000, times.totalNanos());
        times.record(100);
        assertEquals(100, times.p99Nanos());
    }

    @Test
    void aNegativeTimeFromAStrangeClockCountsAsZero() {
        WaitTimes times = new WaitTimes();
        times.record(-5);
        assertEquals(0, times.totalNanos());
        assertEquals(1, times.count());
    }
}
