package dev.bufpool;

/**
 * A read-only buffer with several holders, made by {@link Lease#share()}. Each holder has its own
 * {@code SharedBuffer} handle, got from {@link #retain()}, and closes it when done; the buffer goes
 * back to its pool when the last handle is closed.
 *
 * <p><b>Thread safety:</b> handles may be retained and closed from any threads concurrently. Each
 * handle, like a lease, has one holder: it must not be used by two threads at once. The writes made
 * to the buffer before {@link Lease#share()} happen-before every read through any handle.
 *
 * <p>For byte buffers the view is a read-only {@link java.nio.ByteBuffer} of its own per handle,
 * with the position and limit the lease's buffer had when shared. Arrays cannot be made
 * read-only: the holders of a shared {@code byte[]} or {@code float[]} must not write to it.
 *
 * @param <T> the buffer class
 */
public interface SharedBuffer<T> extends AutoCloseable {

    /**
     * This handle's read-only view of the buffer.
     *
     * @return the view
     * @throws IllegalStateException if this handle was closed
     */
    T buffer();

    /**
     * How many elements the buffer holds. Still answers after close.
     *
     * @return the buffer's capacity in elements
     */
    int capacity();

    /**
     * Adds a holder: returns a new handle on the same buffer, to be closed by its own holder.
     *
     * @return the new handle
     * @throws IllegalStateException if this handle was closed
     */
    SharedBuffer<T> retain();

    /**
     * Drops this handle's hold. Idempotent: a second close of the same handle does nothing and never
     * releases a hold of another handle. Never throws.
     */
    @Override
    void close();
}
