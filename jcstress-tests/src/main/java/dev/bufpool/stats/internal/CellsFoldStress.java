package dev.bufpool.stats.internal;

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
 * The fold of ended threads' cells while another thread reads the sums. The state's {@link Cells}
 * holds the cells of 16 ended threads (48 acquisitions, 32 releases in all): the next registration
 * sweeps. The first actor registers (its first {@code mine()}), which folds the 16 cells into the new
 * table's base, and then counts one acquisition; the second reads {@code sums()} meanwhile. It reads
 * the old table (the dead cells one by one) or the new one (their fold in the base): either way the
 * dead threads' counts exactly once.
 *
 * <p>Results: acquisitions and releases the racing read summed, then those the arbiter's read summed.
 */
@JCStressTest
@Description("Cells: folding an ended thread's cell never loses or doubles its counts for a concurrent reader")
@Outcome(id = "48, 32, 49, 32", expect = ACCEPTABLE, desc = "the read ran before the registrant's own acquisition counted")
@Outcome(id = "49, 32, 49, 32", expect = ACCEPTABLE, desc = "the read saw the registrant's acquisition too")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "a read lost or doubled the ended threads' counts (a fold seen half, or twice)")
@State
public class CellsFoldStress {

    private final Cells cells = DeadCells.next();

    @Actor
    public void registerAndCount() {
        cells.mine().acquire(1);
    }

    @Actor
    public void read(IIII_Result r) {
        Totals sums = cells.sums();
        r.r1 = (int) sums.acquired;
        r.r2 = (int) sums.released;
    }

    @Arbiter
    public void check(IIII_Result r) {
        Totals sums = cells.sums();
        r.r3 = (int) sums.acquired;
        r.r4 = (int) sums.released;
    }
}
