package dev.bufpool.stats.internal;

import dev.bufpool.PoolStats;
import dev.bufpool.stats.StatsSnapshot;
import java.util.Locale;

/** The one-line text of a snapshot, for logs; figures the pool does not track read {@code n/a}. */
final class Summary {

    private static final double NANOS_PER_MICRO = 1_000.0;

    private Summary() {
    }

    static String of(StatsSnapshot snapshot) {
        PoolStats s = snapshot.stats();
        return String.format(Locale.ROOT,
                "out=%d (peak %d), outBytes=%d (peak %d), acquisitions=%d, releases=%d, allocations=%s,"
                        + " reuses=%s, drops=%s, trims=%s, idle=%s (%s bytes), waits=%d (mean %.1f us,"
                        + " p99 %.1f us, max %.1f us), timeouts=%d, leaks=%d, doubleReleases=%d, exceptions=%d",
                s.outstanding(), s.peakOutstanding(), s.outstandingBytes(), snapshot.peakOutstandingBytes(),
                s.acquisitions(), s.releases(), figure(s.allocations()), figure(s.reuses()),
                figure(s.drops()), figure(s.trims()), figure(s.idleBuffers()), figure(s.idleBytes()),
                s.waits(), micros(snapshot.meanWaitNanos()), micros(snapshot.p99WaitNanos()),
                micros(snapshot.maxWaitNanos()), s.timeouts(), s.leaks(), snapshot.doubleReleases(),
                snapshot.exceptions());
    }

    private static String figure(long value) {
        return value == PoolStats.UNTRACKED ? "n/a" : Long.toString(value);
    }

    private static double micros(long nanos) {
        return nanos / NANOS_PER_MICRO;
    }
}
