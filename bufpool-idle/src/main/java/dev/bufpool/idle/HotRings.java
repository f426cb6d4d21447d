package dev.bufpool.idle;

/**
 * The FIFO rings of a pool's hot tier (shards or free lists), as {@link IdleTrimming} sees them to
 * move buffers that sat unused for a tick into the reserve. Implemented by the pool's engine.
 *
 * @param <T> the buffer class
 */
public interface HotRings<T> {

    /** {@return how many rings there are; fixed} */
    int ringCount();

    /**
     * Counts the offers a ring has taken, for marking what was there at a tick.
     *
     * @param ring a ring index
     * @return how many offers that ring has taken so far (a mark)
     */
    long offers(int ring);

    /**
     * Removes the oldest buffer of a ring if it was offered before {@code mark}.
     *
     * @param ring a ring index
     * @param mark a value {@link #offers} returned for that ring earlier
     * @return the buffer, or {@code null}
     */
    T pollOfferedBefore(int ring, long mark);

    /**
     * The reserve class a buffer goes to.
     *
     * @param ring the ring it came from
     * @param buffer a buffer
     * @return its class in the reserve
     */
    int reserveClass(int ring, T buffer);

    /** Runs at the start of every tick: takes back the caches of ended threads. */
    void sweepEndedThreads();
}
