package dev.bufpool.bench;

import dev.bufpool.Lease;
import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Control;

/**
 * The link between the two threads of a {@link CrossThreadBenchmark} group: a single-producer,
 * single-consumer ring of {@value #CAPACITY} buffers that allocates nothing. Both sides spin while
 * it is full or empty, and give up when JMH ends the iteration, so neither can hang on the other.
 *
 * <p>Invariants: only the producer writes {@code tail}, only the consumer writes {@code head}, and
 * {@code head <= tail <= head + CAPACITY}. The producer writes a cell, then publishes it with a
 * release store of {@code tail}; the consumer's acquire load of {@code tail} that sees it sees the
 * cell. The consumer clears the cell, then frees it with a release store of {@code head}; the
 * producer's acquire load of {@code head} orders its next write of that cell after the clear.
 */
@State(Scope.Group)
public class HandOff {

    static final int CAPACITY = 16;
    private static final int MASK = CAPACITY - 1;
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(HandOff.class, "head", long.class);
            TAIL = lookup.findVarHandle(HandOff.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] cells = new Object[CAPACITY];
    private long head;
    private long tail;

    /**
     * Producer side.
     *
     * @return {@code false} if the iteration ended while the ring was full; the caller keeps the buffer
     */
    boolean put(Object buffer, Control control) {
        long t = tail;
        while (t - (long) HEAD.getAcquire(this) >= CAPACITY) {
            if (control.stopMeasurement) {
                return false;
            }
            Thread.onSpinWait();
        }
        cells[(int) t & MASK] = buffer;
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /**
     * Consumer side.
     *
     * @return the oldest buffer, or {@code null} if the iteration ended while the ring was empty
     */
    Object take(Control control) {
        long h = head;
        while (h >= (long) TAIL.getAcquire(this)) {
            if (control.stopMeasurement) {
                return null;
            }
            Thread.onSpinWait();
        }
        int at = (int) h & MASK;
        Object buffer = cells[at];
        cells[at] = null;
        HEAD.setRelease(this, h + 1);
        return buffer;
    }

    /** Gives back what is still in the ring when an iteration ends (both sides have stopped). */
    @TearDown(Level.Iteration)
    public void drain() {
        for (long h = head; h < tail; h++) {
            int at = (int) h & MASK;
            release(cells[at]);
            cells[at] = null;
        }
        head = tail;
    }

    /** Releases a buffer of any subject the cross-thread suite measures. */
    static void release(Object buffer) {
        if (buffer instanceof Lease) {
            ((Lease<?>) buffer).close();
        } else if (buffer instanceof ByteBuf) {
            ((ByteBuf) buffer).release();
        } else if (buffer instanceof RetainableByteBuffer) {
            ((RetainableByteBuffer) buffer).release();
        }
        // a plain buffer is left to the collector
    }
}
