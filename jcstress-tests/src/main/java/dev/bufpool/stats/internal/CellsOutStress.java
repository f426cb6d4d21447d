package dev.bufpool.stats.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A sum never shows more out than was out. A pool of one buffer (a token taken by CAS and given back
 * by a volatile write, as a pool's own atomics do) is used twice by the first actor: take, count the
 * acquisition, count the release, give back. At most one lease is ever out. The second actor reads
 * {@code sums()} twice meanwhile; as it reads every acquisition before any release, what it shows
 * out is at most what was out when it read the acquisitions: never 2.
 *
 * <p>It may show fewer, down to -2, when releases count between its two reads; the decorator
 * clamps out at 0 ({@code Recorder}), so that is a figure a few updates old, which the class allows.
 *
 * <p>Results: out in the first read, out in the second, out at the end (the arbiter's read).
 */
@JCStressTest
@Description("Cells.sums(): reading acquisitions before releases never shows more out than was out")
@Outcome(id = "[01], [01], 0", expect = ACCEPTABLE, desc = "each read saw at most the one lease out")
@Outcome(id = "(-[12]|[01]), (-[12]|[01]), 0", expect = ACCEPTABLE_INTERESTING,
        desc = "a release counted between a read's acquisitions and its releases: fewer out than were, never more")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "a read showed more out than was ever out, or the quiescent sum is not 0")
@State
public class CellsOutStress {

    private final Cells cells = new Cells();
    private final AtomicInteger token = new AtomicInteger(1);

    @Actor
    public void useTwice() {
        Cell cell = cells.mine();
        for (int round = 0; round < 2; round++) {
            while (!token.compareAndSet(1, 0)) {
                Thread.onSpinWait(); // nobody else takes it: never spins
            }
            cell.acquire(1);
            cell.release(1);
            token.set(1);
        }
    }

    @Actor
    public void read(III_Result r) {
        r.r1 = (int) cells.sums().out();
        r.r2 = (int) cells.sums().out();
    }

    @Arbiter
    public void check(III_Result r) {
        r.r3 = (int) cells.sums().out();
    }
}
