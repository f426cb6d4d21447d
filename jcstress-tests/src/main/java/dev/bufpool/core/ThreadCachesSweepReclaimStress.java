package dev.bufpool.core;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * The hand-back of an ended thread's cache, found both ways at once: the thread ended before the
 * test and its registration is on the reference queue (as after the collector cleared it), so
 * {@code sweep()} (walking the registry, {@code isAlive()} false) and {@code reclaimEnded()}
 * (polling the queue) both find it. The {@code taken} CAS must let exactly one hand its two buffers
 * to the drain.
 *
 * <p>Results: times the first buffer was drained, times the second was, what {@code sweep()}
 * returned, what {@code reclaimEnded()} returned.
 */
@JCStressTest
@Description("ThreadCaches: an ended thread's cache is drained exactly once when sweep() and reclaimEnded() race")
@Outcome(id = "1, 1, 2, 0", expect = ACCEPTABLE, desc = "sweep() took the cache; reclaimEnded() found it taken")
@Outcome(id = "1, 1, 0, 2", expect = ACCEPTABLE, desc = "reclaimEnded() took the cache; sweep() found it taken or gone")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "each buffer drained once, but the counts returned do not add up to 2")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "a buffer of the ended thread's cache was never drained (lost) or drained twice (two holders)")
@State
public class ThreadCachesSweepReclaimStress {

    private final ThreadCachesEnded ended = new ThreadCachesEnded();
    private int swept;
    private int reclaimed;

    public ThreadCachesSweepReclaimStress() {
        ended.collectOwner();
    }

    @Actor
    public void sweep() {
        swept = ended.caches.sweep();
    }

    @Actor
    public void reclaimEnded() {
        reclaimed = ended.caches.reclaimEnded();
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r1 = ended.firstDrained.get();
        r.r2 = ended.secondDrained.get();
        r.r3 = swept;
        r.r4 = reclaimed;
    }
}
