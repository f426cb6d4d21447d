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
 * Two sweeps of one ended thread's cache ({@code trim()} on two threads, or a trim and a sweep on
 * registration doubling): the thread ended before the test and is still referenced, so only
 * {@code isAlive()} tells the sweeps it ended; {@code reclaimEnded()} finds nothing on the queue. A
 * third call, {@code reclaimEnded()} in the second actor, must find nothing to take.
 *
 * <p>Results: times the first buffer was drained, times the second was, what the first actor's
 * {@code sweep()} returned, what the second actor's {@code sweep()} and {@code reclaimEnded()}
 * returned together.
 */
@JCStressTest
@Description("ThreadCaches: an ended thread's cache is drained exactly once when two sweep() calls race")
@Outcome(id = "1, 1, 2, 0", expect = ACCEPTABLE, desc = "the first actor's sweep took the cache")
@Outcome(id = "1, 1, 0, 2", expect = ACCEPTABLE, desc = "the second actor's sweep took the cache")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "each buffer drained once, but the counts returned do not add up to 2")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "a buffer of the ended thread's cache was never drained (lost) or drained twice (two holders)")
@State
public class ThreadCachesSweepSweepStress {

    private final ThreadCachesEnded ended = new ThreadCachesEnded();
    private int first;
    private int second;

    @Actor
    public void sweep() {
        first = ended.caches.sweep();
    }

    @Actor
    public void sweepThenReclaim() {
        second = ended.caches.sweep() + ended.caches.reclaimEnded();
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r1 = ended.firstDrained.get();
        r.r2 = ended.secondDrained.get();
        r.r3 = first;
        r.r4 = second;
    }
}
