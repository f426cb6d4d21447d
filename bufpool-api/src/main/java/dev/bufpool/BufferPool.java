package dev.bufpool;

import java.util.concurrent.TimeUnit;

/**
 * A pool of reusable buffers of one {@link BufferType}.
 *
 * <p>Use a lease in try-with-resources, so the buffer goes back even when the work throws:
 * <pre>{@code
 * try (Lease<byte[]> lease = pool.acquire(4096)) {
 *     int n = in.read(lease.buffer(), 0, 4096);
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Thread safety:</b> every method may be called from any thread at any time. A buffer is
 * never held by two leases at once; a buffer released on one thread may be acquired on another,
 * and the release happens-before that acquisition.
 *
 * <p><b>Lifecycle:</b> after {@link #close()} the pool hands out nothing; leases still out may be
 * closed later and their buffers are then discarded.
 *
 * @param <T> the buffer class, such as {@code byte[]} or {@link java.nio.ByteBuffer}
 */
public interface BufferPool<T> extends AutoCloseable {

    /**
     * Leases a buffer that holds at least {@code minCapacity} elements. An unbounded pool never
     * fails here: on a miss it allocates. A bounded pool waits up to its configured maximum wait.
     *
     * @param minCapacity the number of elements wanted, {@code >= 0}
     * @return a lease; never {@code null}
     * @throws IllegalArgumentException if {@code minCapacity} is negative or above what the pool
     *         can serve; the pool is unchanged
     * @throws PoolExhaustedException if a bounded pool had no buffer within its maximum wait, or
     *         the waiting thread was interrupted (the interrupt flag is then set again)
     * @throws IllegalStateException if the pool is closed
     */
    Lease<T> acquire(int minCapacity);

    /**
     * Leases a buffer if one can be had without waiting.
     *
     * @param minCapacity the number of elements wanted, {@code >= 0}
     * @return a lease, or {@code null} if a bounded pool has none free now; an unbounded pool
     *         never returns {@code null}
     * @throws IllegalArgumentException if {@code minCapacity} is negative or above what the pool
     *         can serve
     * @throws IllegalStateException if the pool is closed
     */
    Lease<T> tryAcquire(int minCapacity);

    /**
     * Leases a buffer, waiting up to {@code timeout} for one, like
     * {@link java.util.concurrent.Semaphore#tryAcquire(long, TimeUnit)}: if the calling thread's
     * interrupt flag is set on entry, or it is interrupted while waiting, the flag is cleared and
     * {@link InterruptedException} thrown, and no buffer is leased. Every pool checks the flag on
     * entry, an unbounded one too, whatever the timeout; so code written against one pool keeps its
     * behaviour with another. (An interrupt that lands after a bounded pool granted a buffer returns
     * the lease with the flag set: a buffer is never lost.)
     *
     * @param minCapacity the number of elements wanted, {@code >= 0}
     * @param timeout the longest wait; zero or negative means do not wait
     * @param unit the unit of {@code timeout}
     * @return a lease, or {@code null} if none could be had in time
     * @throws InterruptedException if the thread's interrupt flag was set on entry, or it was
     *         interrupted while waiting
     * @throws IllegalArgumentException if {@code minCapacity} is negative or above what the pool
     *         can serve
     * @throws IllegalStateException if the pool is closed
     */
    Lease<T> tryAcquire(int minCapacity, long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * The pool's name, as given in its spec; used in messages, logs and JMX.
     *
     * @return the name
     */
    String name();

    /**
     * The kind of buffer this pool holds.
     *
     * @return the buffer type
     */
    BufferType<T> type();

    /**
     * A snapshot of the pool's figures. Figures the pool does not track read
     * {@link PoolStats#UNTRACKED}. Exact when the pool is quiescent, approximate while other
     * threads use it.
     *
     * @return the snapshot; never {@code null}
     */
    PoolStats stats();

    /** Drops the idle buffers the pool may let go of now. Leases out are not affected. */
    void trim();

    /**
     * Closes the pool: drops every idle buffer it can reach, stops background work and clears its
     * per-thread state. Idempotent. Leases still out may be closed later; their buffers are then
     * discarded.
     */
    @Override
    void close();
}
