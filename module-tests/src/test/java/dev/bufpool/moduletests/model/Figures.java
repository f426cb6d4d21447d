package dev.bufpool.moduletests.model;

import dev.bufpool.PoolStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The checks of a pool's figures against the {@link Model} at the moments no worker runs: the
 * midpoint (every worker waits at a barrier) and the end (every worker has ended).
 *
 * <p>Figures are exact when the pool is quiescent; but a pool's own timer may be in the middle of a
 * tick (moving a buffer between its tiers, where it is counted nowhere for an instant), so a check
 * that fails is read again, for a bounded time, before it counts as a failure. A buffer that
 * is really lost or counted twice fails every reading.
 */
final class Figures {

    /** How long a failing check is read again: far longer than a tick, however the scheduler treats its thread. */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private Figures() {
    }

    /** Checks the figures of a quiescent pool; records the problems of the last reading if none passes. */
    static void checkQuiescent(ModelRun run, String when) {
        try {
            long deadline = System.nanoTime() + SETTLE_NANOS;
            int readings = 0;
            List<String> problems;
            PoolStats stats;
            do {
                stats = run.pool.stats();
                readings++;
                problems = problems(run, stats);
                if (problems.isEmpty()) {
                    return;
                }
                Thread.yield();
            } while (System.nanoTime() < deadline);
            run.model.fail("at " + when + ", " + readings + " readings in " + TimeUnit.NANOSECONDS.toMillis(SETTLE_NANOS)
                    + " ms: " + String.join("; ", problems) + " in " + stats);
        } catch (RuntimeException | Error e) {
            run.model.fail("checking the figures at " + when + " failed: " + ModelRun.describe(e));
        }
    }

    private static List<String> problems(ModelRun run, PoolStats s) {
        RunPlan plan = run.plan;
        Model model = run.model;
        long out = model.outNow();
        List<String> p = new ArrayList<>();
        if (tracked(s.outstanding()) && s.outstanding() != out) {
            p.add("outstanding=" + s.outstanding() + " but " + out + " leases are out");
        }
        if (plan.decorated) {
            if (s.acquisitions() != model.acquisitions.sum() || s.releases() != model.releases.sum()) {
                p.add("acquisitions/releases " + s.acquisitions() + "/" + s.releases() + " but the workers made "
                        + model.acquisitions.sum() + "/" + model.releases.sum());
            }
            if (s.acquisitions() != s.releases() + s.outstanding()) {
                p.add("acquisitions != releases + outstanding");
            }
            if (s.peakOutstanding() < s.outstanding()) {
                p.add("peakOutstanding below outstanding");
            }
        }
        long grown = model.grown.sum();
        if (plan.bounded) {
            int size = run.bounded.size(plan.maxBuffers);
            if (out > size || s.idleBuffers() + out > size) {
                p.add(out + " out and " + s.idleBuffers() + " idle, but the pool has " + size + " slots");
            }
            long peakBound = plan.maxBuffers + peakSlack(run);
            if (plan.decorated && s.peakOutstanding() > peakBound) {
                p.add("peakOutstanding=" + s.peakOutstanding() + " above maxBuffers=" + plan.maxBuffers
                        + (peakBound > plan.maxBuffers ? " + " + (peakBound - plan.maxBuffers) + " cross-thread closes in flight" : ""));
            }
            if (plan.maxIdleBuffers.isPresent() && s.idleBuffers() > plan.maxIdleBuffers.getAsInt()) {
                p.add("idleBuffers above maxIdleBuffers=" + plan.maxIdleBuffers.getAsInt());
            }
        } else if (plan.maxIdleBuffers.isPresent() && plan.maxIdleBytes.isEmpty()
                && s.idleBuffers() > plan.maxIdleBuffers.getAsInt()) {
            p.add("idleBuffers above maxIdleBuffers=" + plan.maxIdleBuffers.getAsInt());
        }
        if (plan.maxIdleBytes.isPresent() && s.idleBytes() > plan.maxIdleBytes.getAsLong()) {
            p.add("idleBytes above maxIdleBytes=" + plan.maxIdleBytes.getAsLong());
        }
        if (tracked(s.allocations()) && tracked(s.drops()) && tracked(s.trims()) && tracked(s.idleBuffers())) {
            // Every buffer made is idle, out, dropped or trimmed: none lost, none counted twice. A bounded
            // pool's grow fills new slots without counting allocations: up to what it grew by.
            long made = plan.preallocate + s.allocations();
            long accounted = s.idleBuffers() + out + s.drops() + s.trims();
            if (accounted < made || accounted > made + grown) {
                p.add("buffers made (preallocated " + plan.preallocate + " + allocations) = " + made
                        + ", but idle + out + drops + trims = " + accounted + (grown > 0 ? " (grown by " + grown + ")" : ""));
            }
        }
        return p;
    }

    /**
     * How far the decorator's peak may pass the pool's size: by what cross-thread closes in flight
     * count twice. {@code StatsBufferPool} documents it: a lease closed on another thread than its
     * acquirer's is counted back after the wrapped lease's close, so the buffer's next holder may be
     * counted first, and a sample in that instant sees one lease too many (at most one per thread
     * other than the sampling one). With {@value SeededModelTest#STRICT_PEAK_PROPERTY}=true the bound
     * is the pool's size, always.
     */
    private static long peakSlack(ModelRun run) {
        boolean strict = Boolean.getBoolean(SeededModelTest.STRICT_PEAK_PROPERTY);
        return strict || run.model.crossThreadCloses.sum() == 0 ? 0 : run.plan.threads - 1;
    }

    /** Checks a closed pool whose leases are all closed: nothing idle, nothing out. */
    static void checkAfterClose(ModelRun run) {
        PoolStats s = run.pool.stats();
        List<String> p = new ArrayList<>();
        if (s.idleBuffers() != 0 || s.idleBytes() != 0) {
            p.add("a closed pool keeps idle buffers");
        }
        if (tracked(s.outstanding()) && s.outstanding() != 0) {
            p.add("outstanding=" + s.outstanding() + " with every lease closed");
        }
        if (run.plan.decorated && (s.acquisitions() != s.releases() || s.acquisitions() != run.model.acquisitions.sum())) {
            p.add("acquisitions/releases " + s.acquisitions() + "/" + s.releases() + " but the workers made "
                    + run.model.acquisitions.sum() + "/" + run.model.releases.sum());
        }
        if (!p.isEmpty()) {
            run.model.fail("after close: " + String.join("; ", p) + " in " + s);
        }
    }

    private static boolean tracked(long figure) {
        return figure != PoolStats.UNTRACKED;
    }
}
