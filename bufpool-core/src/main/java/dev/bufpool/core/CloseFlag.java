package dev.bufpool.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A pool's closed flag, set once, read in two strengths.
 *
 * <p>The hot paths (a hit or a return on the calling thread's own cache) read it plainly with
 * {@link #seenPlain()}: no compiler barrier, so the JIT keeps the fields it has already loaded
 * instead of loading them again after the read. A thread whose acquisition happens-after
 * {@link #close()} (it was started or joined by the closer, took a lock the closer released, read a
 * volatile the closer wrote, and so on) sees the flag set, which is all the close contract asks; a
 * thread racing close, with no such edge, may keep using its own cache for a while, exactly as it
 * could had it read the flag a moment before close set it. Its cache holds only its own buffers and
 * was already forgotten by the closed pool.
 *
 * <p>Paths that publish a buffer to memory other threads share (a free list, a shard) read it with
 * {@link #isClosed()}, a volatile read after their own atomic offer: with the volatile write in
 * {@link #close()} followed by the closer's drain, one of the two always sees the other, so no
 * buffer stays in a closed pool's shared structures. The atomic part of an offer is the CAS that
 * claims a ring's ticket; the element is published after it with a release store, which the
 * offerer's volatile read may pass, so the closer drains with {@link MpmcRing#drain()}, which
 * waits for a claimed cell to be published rather than taking it for an empty ring.
 *
 * <p>Thread-safe.
 */
public final class CloseFlag {

    private static final VarHandle CLOSED = Handles.field(MethodHandles.lookup(), CloseFlag.class, "closed", boolean.class);

    private volatile boolean closed;

    /** {@return whether the pool is closed, read plainly: for a thread's own cache only} */
    public boolean seenPlain() {
        return (boolean) CLOSED.get(this);
    }

    /** {@return whether the pool is closed, read as a volatile} */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Sets the flag.
     *
     * @return {@code true} for the one call that set it, {@code false} if it was already set
     */
    public boolean close() {
        return CLOSED.compareAndSet(this, false, true);
    }

    @Override
    public String toString() {
        return closed ? "closed" : "open";
    }
}
