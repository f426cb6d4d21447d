package dev.bufpool;

/**
 * A buffer borrowed from a {@link BufferPool}; {@link #close()} gives it back.
 *
 * <p><b>Thread safety:</b> a lease has one holder at a time. It may be handed to another thread
 * (through any hand-off that gives a happens-before edge, such as a queue), but it must not be
 * used by two threads at once. To let several threads read the buffer, {@link #share()} it.
 *
 * <p><b>Retention:</b> the buffer belongs to the holder from acquisition until close. After close
 * the holder must keep no reference to the buffer: the pool may hand it to someone else at once.
 *
 * @param <T> the buffer class
 */
public interface Lease<T> extends AutoCloseable {

    /**
     * The leased buffer. A {@link java.nio.ByteBuffer} comes cleared: position 0, limit equal to
     * the requested size, capacity at least that.
     *
     * @return the buffer
     * @throws IllegalStateException if the lease was closed or shared
     */
    T buffer();

    /**
     * How many elements the buffer holds; at least the requested size. Still answers after close.
     *
     * @return the buffer's capacity in elements
     */
    int capacity();

    /**
     * Turns this lease into a reference-counted, read-only {@link SharedBuffer} that may cross
     * threads. The lease is used up: afterwards {@link #buffer()} throws and {@link #close()} does
     * nothing; the buffer returns to the pool when the last holder of the shared buffer closes.
     *
     * @return the shared buffer, with one holder: the caller
     * @throws IllegalStateException if the lease was closed or already shared
     * @throws UnsupportedOperationException if the pool does not offer {@link PoolFeature#SHARING}
     */
    SharedBuffer<T> share();

    /**
     * Gives the buffer back to the pool. Idempotent: a second close does nothing, even when the
     * buffer has meanwhile been leased to another holder. Never throws.
     */
    @Override
    void close();
}
