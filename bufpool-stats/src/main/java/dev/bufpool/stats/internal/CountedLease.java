package dev.bufpool.stats.internal;

import dev.bufpool.Lease;
import dev.bufpool.SharedBuffer;

/**
 * A lease of a decorated pool: every call goes to the wrapped lease, so it behaves exactly as that
 * lease does; the decorator only counts. Its first close counts one release, later closes count
 * double releases and are not passed on, and a close after {@link #share()} does nothing, as the
 * {@link Lease} contract says.
 *
 * <p>The state is a plain field: a lease has one holder at a time, and its hand-off between
 * threads gives the happens-before edge. The object is small and final so that a lease used in
 * try-with-resources and never stored can be scalar-replaced by the JIT; leak tracking, when on,
 * stores it in a reference and so gives that up.
 *
 * @param <T> the buffer class
 */
public final class CountedLease<T> implements Lease<T> {

    private static final int OPEN = 0;
    private static final int CLOSED = 1;
    private static final int SHARED = 2;

    private final Lease<T> lease;
    private final long bytes;
    private final Recorder recorder;
    /** The counters of the acquiring thread: a close on that thread counts there. */
    private final Cell cell;
    /**
     * What the leak tracker watches in this lease's place, when this lease is tracked, or
     * {@code null}: referred to from here alone. Set by the constructor on every path: a store on
     * one path only would keep escape analysis from removing the lease.
     */
    private final LeakTracker.Witness witness;
    /** OPEN, then CLOSED or SHARED; never back. */
    private int state;

    CountedLease(Lease<T> lease, long bytes, Recorder recorder, Cell cell, LeakTracker.Witness witness) {
        this.lease = lease;
        this.bytes = bytes;
        this.recorder = recorder;
        this.cell = cell;
        this.witness = witness;
    }

    /**
     * Counts {@code lease} as acquired and wraps it. Makes no call: see {@link Recorder#cellOfCaller()}.
     *
     * @param lease the wrapped pool's lease
     * @param bytes the size of its buffer in bytes
     * @param recorder where to count rare events
     * @param cell the calling thread's cell, from {@link Recorder#cellOfCaller()}
     * @param witness what the decorator's leak tracker watches in the lease's place, from
     *        {@link LeakTracker#track} before the wrapped pool was asked, its size already written
     *        by {@link LeakTracker#sized}, or {@code null} when the lease is not tracked
     * @param <T> the buffer class
     * @return the counted lease
     */
    public static <T> CountedLease<T> acquired(Lease<T> lease, long bytes, Recorder recorder,
            Cell cell, LeakTracker.Witness witness) {
        cell.acquire(bytes);
        return new CountedLease<>(lease, bytes, recorder, cell, witness);
    }

    @Override
    public T buffer() {
        try {
            return lease.buffer();
        } catch (Throwable e) {
            recorder.failed();
            throw e;
        }
    }

    @Override
    public int capacity() {
        return lease.capacity();
    }

    @Override
    public SharedBuffer<T> share() {
        SharedBuffer<T> shared;
        try {
            shared = lease.share();
        } catch (Throwable e) {
            recorder.failed();
            throw e;
        }
        if (state != OPEN) {
            // A wrapped lease that shares after close breaks its contract; its buffer was counted back.
            return shared;
        }
        state = SHARED;
        unwatch();
        return new CountedSharedBuffer<>(shared, bytes, recorder);
    }

    @Override
    public void close() {
        if (state != OPEN) {
            if (state == CLOSED) {
                recorder.doubleReleased();
            }
            return;
        }
        state = CLOSED;
        // On the acquiring thread the release is counted before the buffer goes back (plain writes
        // to the caller's cell, no call), so no sum ever counts it out together with its next
        // holder's acquisition. Its rare work (a new peak, a sample) and a close on another thread,
        // which must find its own cell (a call), come after the wrapped close however it ends: no
        // call may come between the wrapped lease's making and its close, and one call site keeps
        // this method under the JIT's inlining limit when the wrapped close is inlined into it.
        boolean mine = cell.owner == Thread.currentThread();
        boolean sample = mine && cell.release(bytes);
        Throwable failure = closeWrapped();
        unwatch();
        recorder.releasedAfterClose(bytes, cell, mine, sample);
        if (failure != null) {
            recorder.failed();
            throw CountedLease.<RuntimeException>unchanged(failure);
        }
    }

    private Throwable closeWrapped() {
        try {
            lease.close();
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    /**
     * Throws {@code failure} as it is: a {@link RuntimeException} or an {@link Error}, or a checked
     * exception that a wrapped lease threw without declaring it. The type parameter only tells the
     * compiler what may be thrown; nothing is cast at run time.
     */
    @SuppressWarnings("unchecked")
    private static <X extends Throwable> RuntimeException unchanged(Throwable failure) throws X {
        throw (X) failure;
    }

    private void unwatch() {
        LeakTracker.Witness w = witness;
        if (w != null) {
            w.closed();
        }
    }

    @Override
    public String toString() {
        return "counted " + lease;
    }
}
