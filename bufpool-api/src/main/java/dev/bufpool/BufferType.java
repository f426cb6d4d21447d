package dev.bufpool;

/**
 * The strategy for one kind of buffer: how to allocate it, measure it, make it ready for a holder,
 * reset it for reuse and wipe it. The standard types are in {@link BufferTypes}; implement this
 * interface to pool objects of your own.
 *
 * <p><b>Thread safety:</b> implementations must be stateless or thread-safe; a pool calls them
 * from any thread. A pool calls {@link #prepare}, {@link #reset} and {@link #zero} only on a
 * buffer no holder has.
 *
 * @param <T> the buffer class
 */
public interface BufferType<T> {

    /**
     * A short name for messages and logs, such as {@code "byte[]"}.
     *
     * @return the name
     */
    String name();

    /**
     * Allocates a new buffer of exactly {@code capacity} elements.
     *
     * @param capacity the number of elements, {@code >= 0}
     * @return a new buffer
     * @throws OutOfMemoryError if it cannot be allocated
     */
    T allocate(int capacity);

    /**
     * The number of elements {@code buffer} holds.
     *
     * @param buffer a buffer of this type
     * @return its capacity in elements
     */
    int capacity(T buffer);

    /**
     * The memory {@code buffer} holds, in bytes, for memory budgets and statistics.
     *
     * @param buffer a buffer of this type
     * @return its size in bytes
     */
    long sizeInBytes(T buffer);

    /**
     * Makes a pooled buffer ready for a holder that asked for {@code requestedCapacity} elements:
     * a {@link java.nio.ByteBuffer} gets position 0 and limit {@code requestedCapacity}. Called on
     * every acquisition; must not allocate.
     *
     * @param buffer a buffer with at least {@code requestedCapacity} elements
     * @param requestedCapacity the size the holder asked for
     * @return the buffer to hand out (normally {@code buffer} itself)
     */
    default T prepare(T buffer, int requestedCapacity) {
        return buffer;
    }

    /**
     * Resets state a holder may have changed (position, limit, byte order) so the buffer can go
     * back into the pool. Does not wipe the contents: that is {@link #zero}. Must not allocate.
     *
     * @param buffer the returned buffer
     */
    void reset(T buffer);

    /**
     * Overwrites every element of {@code buffer} with zero, so no data of one holder is visible to
     * the next.
     *
     * @param buffer the buffer to wipe
     */
    void zero(T buffer);

    /**
     * A read-only view of {@code buffer} for one holder of a {@link SharedBuffer}. Byte buffers get
     * an independent read-only view keeping position and limit; types that cannot be made read-only
     * return {@code buffer} itself.
     *
     * @param buffer the buffer, or an earlier view of it
     * @return the view
     */
    default T readOnlyView(T buffer) {
        return buffer;
    }
}
