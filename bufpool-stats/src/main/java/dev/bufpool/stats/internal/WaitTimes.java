package dev.bufpool.stats.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The times of the acquisitions that waited: count, total, maximum and a log-linear histogram for
 * the 99th percentile. Thread-safe and lock-free; only the slow path of an acquisition records here.
 *
 * <p>The histogram. A time {@code v} below {@value #SUB_BUCKETS} nanoseconds has a bucket of its
 * own; above, the bucket is chosen by the position of the highest set bit of {@code v} and the
 * {@value #SUB_BITS} bits below it, so each power of two is split into {@value #SUB_BUCKETS} equal
 * buckets and a bucket is at most 1/8 (12.5%) as wide as its lower bound. A quantile is answered
 * with the upper bound of its bucket, capped at the maximum seen. Buckets are independent atomic
 * counters: a histogram read while threads record is approximate, and exact once they are joined.
 */
final class WaitTimes {

    static final int SUB_BITS = 3;
    static final int SUB_BUCKETS = 1 << SUB_BITS;
    /** Rows for highest bits {@value #SUB_BITS} to 62 (a positive long), plus the exact row. */
    static final int BUCKETS = (63 - SUB_BITS + 1) * SUB_BUCKETS;

    private static final double P99 = 0.99;

    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final AtomicLong maxNanos = new AtomicLong();
    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS);

    void record(long nanos) {
        long v = Math.max(nanos, 0);
        count.increment();
        totalNanos.add(v);
        buckets.incrementAndGet(bucket(v));
        long max = maxNanos.get();
        while (v > max && !maxNanos.compareAndSet(max, v)) {
            max = maxNanos.get();
        }
    }

    static int bucket(long v) {
        if (v < SUB_BUCKETS) {
            return (int) v;
        }
        int high = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) (v >>> (high - SUB_BITS)) & (SUB_BUCKETS - 1);
        return (high - SUB_BITS + 1) * SUB_BUCKETS + sub;
    }

    /** The largest time that falls in bucket {@code index}. */
    static long upperBound(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int high = index / SUB_BUCKETS + SUB_BITS - 1;
        long sub = index % SUB_BUCKETS;
        long lower = (SUB_BUCKETS + sub) << (high - SUB_BITS);
        return lower + (1L << (high - SUB_BITS)) - 1;
    }

    long count() {
        return count.sum();
    }

    long totalNanos() {
        return totalNanos.sum();
    }

    long meanNanos() {
        long n = count.sum();
        return n == 0 ? 0 : totalNanos.sum() / n;
    }

    long maxNanos() {
        return maxNanos.get();
    }

    long p99Nanos() {
        long[] counts = new long[BUCKETS];
        long recorded = 0;
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] = buckets.get(i);
            recorded += counts[i];
        }
        if (recorded == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(P99 * recorded);
        long seen = 0;
        int i = 0;
        for (; i < BUCKETS - 1; i++) {
            seen += counts[i];
            if (seen >= rank) {
                break;
            }
        }
        return Math.min(upperBound(i), maxNanos.get());
    }

    /** Clears the maximum and the histogram; the count and total keep counting. */
    void resetDistribution() {
        maxNanos.set(0);
        for (int i = 0; i < BUCKETS; i++) {
            buckets.set(i, 0);
        }
    }
}
