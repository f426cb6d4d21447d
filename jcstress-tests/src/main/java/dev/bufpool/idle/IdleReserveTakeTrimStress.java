package dev.bufpool.idle;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.bufpool.BufferTypes;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * The idle reserve's take versus trim by expiry. Two buffers sit in one class of a reserve whose
 * idle timeout is 1 s on a clock the test drives. The first actor takes twice; the second moves the
 * clock past the timeout and runs the trimming that is due ({@code runDue()}, as the pool's tick
 * does). A take reads the top entry and removes it with {@code remove(key, value)}; expiry removes
 * it inside the same map's atomic removal, where the eviction listener counts the trim. Of the two,
 * exactly one gets each buffer.
 *
 * <p>Results: buffers taken, buffers trimmed (the listener's count), whether the two taken are one
 * buffer twice ({@code 1}), and buffers left in the reserve once the arbiter has run the trimming
 * due again.
 */
@JCStressTest
@Description("IdleReserve: a buffer is either taken or trimmed, never both, never neither")
@Outcome(id = "2, 0, 0, 0", expect = ACCEPTABLE, desc = "both takes ran before the expiry")
@Outcome(id = "1, 1, 0, 0", expect = ACCEPTABLE, desc = "one taken, then the other expired")
@Outcome(id = "0, 2, 0, 0", expect = ACCEPTABLE, desc = "the clock moved first: both expired, the takes found nothing")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "a buffer both taken and trimmed, taken twice, neither, or left behind")
@State
public class IdleReserveTakeTrimStress {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());
    private final LongAdder trims = new LongAdder();
    private final IdleReserve<byte[]> reserve = new IdleReserve<>("jcstress", BufferTypes.BYTE_ARRAY,
            new IdleBudget(true, 0, 1 << 20, true, 1, SECOND, SECOND / 4, clock), 1, trims);
    private final byte[] first = new byte[8];
    private final byte[] second = new byte[8];
    private byte[] took1;
    private byte[] took2;

    public IdleReserveTakeTrimStress() {
        reserve.offer(0, first);
        reserve.offer(0, second);
    }

    @Actor
    public void take() {
        took1 = reserve.take(0);
        took2 = reserve.take(0);
    }

    @Actor
    public void expire() {
        millis.addAndGet(1000);
        reserve.runDue();
    }

    @Arbiter
    public void check(IIII_Result r) {
        reserve.runDue();
        r.r1 = (took1 != null ? 1 : 0) + (took2 != null ? 1 : 0);
        r.r2 = (int) trims.sum();
        r.r3 = took1 != null && took1 == took2 ? 1 : 0;
        r.r4 = (int) reserve.idleBuffers();
    }
}
