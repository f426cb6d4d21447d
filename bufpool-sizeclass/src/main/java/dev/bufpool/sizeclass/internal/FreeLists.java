package dev.bufpool.sizeclass.internal;

import dev.bufpool.core.MpmcRing;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The shared free lists of a size-class pool: one bounded lock-free {@link MpmcRing} per class,
 * and, when the pool's idle buffers are bounded in total, a count of the buffers in all of them.
 *
 * <p><b>How the total bound holds without a lock:</b> an offer first increments {@code held} and
 * gives up (decrementing again) if that passes the bound; only then does it offer to the class's
 * ring, decrementing again if the ring is full. A poll decrements {@code held} only after it has
 * taken a buffer. So at every instant {@code held} is at least the number of buffers in the rings,
 * and the rings together never hold more than the bound. While offers race, {@code held} may stand
 * above the true count for a moment, so an offer may be refused although there was room: the
 * buffer is then dropped, which costs an allocation later and never correctness.
 *
 * <p><b>Happens-before:</b> the rings' release/acquire pairs carry everything a releasing thread
 * did to a buffer (the holder's writes, the reset, the wipe) to the thread that polls it.
 *
 * @param <T> the buffer class
 */
final class FreeLists<T> {

    private final MpmcRing<T>[] rings;
    /** Buffers in all rings, over-counted while offers race; {@code null} when no total bound applies. */
    private final AtomicInteger held;
    private final int bound;

    /**
     * @param settings the pool's settings: a ring per class of its {@code maxIdle}, and the bound
     *        on all of them
     */
    @SuppressWarnings("unchecked")
    FreeLists(SizeClassSettings settings) {
        int count = settings.classes().count();
        this.bound = settings.listsBound();
        this.rings = (MpmcRing<T>[]) new MpmcRing<?>[count];
        long capacities = 0;
        for (int k = 0; k < count; k++) {
            rings[k] = new MpmcRing<>(Math.min(settings.maxIdle(k), bound));
            capacities += rings[k].capacity();
        }
        this.held = capacities > bound ? new AtomicInteger() : null;
    }

    /**
     * Keeps {@code buffer} in the free list of class {@code k} if there is room.
     *
     * @param k the class index
     * @param buffer a buffer of that class, ready for its next holder
     * @return {@code false} if it was not kept
     */
    boolean offer(int k, T buffer) {
        if (held != null && held.incrementAndGet() > bound) {
            held.decrementAndGet();
            return false;
        }
        if (rings[k].offer(buffer)) {
            return true;
        }
        if (held != null) {
            held.decrementAndGet();
        }
        return false;
    }

    /**
     * @param k the class index
     * @return a buffer of class {@code k}, or {@code null} if its list is empty
     */
    T poll(int k) {
        return pollOfferedBefore(k, Long.MAX_VALUE);
    }

    /**
     * @param k the class index
     * @return how many offers that class's list has taken so far: a mark for
     *         {@link #pollOfferedBefore}
     */
    long offers(int k) {
        return rings[k].offers();
    }

    /**
     * @param k the class index
     * @param mark a value {@link #offers} returned earlier
     * @return the oldest buffer of that class's list if it was there at the mark, else {@code null}
     */
    T pollOfferedBefore(int k, long mark) {
        T buffer = rings[k].pollOfferedBefore(mark);
        if (buffer != null && held != null) {
            held.decrementAndGet();
        }
        return buffer;
    }

    /**
     * @param k the class index
     * @return the buffers in that class's list now
     */
    int size(int k) {
        return rings[k].size();
    }

    /**
     * Drops buffers of class {@code k} until at most {@code keep} are left.
     *
     * @param k the class index
     * @param keep how many to leave
     * @return how many were dropped
     */
    int dropAbove(int k, int keep) {
        int dropped = 0;
        while (rings[k].size() > keep && poll(k) != null) {
            dropped++;
        }
        return dropped;
    }

    /**
     * Drops every buffer, waiting for offers in flight ({@link MpmcRing#drain()}): for close, and for
     * a release that found the pool closed after its offer.
     *
     * @return how many buffers were dropped
     */
    int clear() {
        int dropped = 0;
        for (MpmcRing<T> ring : rings) {
            int n = ring.drain();
            if (held != null) {
                held.addAndGet(-n);
            }
            dropped += n;
        }
        return dropped;
    }

    /**
     * Calls {@code action} for each buffer in any list; racy while others offer or poll.
     *
     * @param action what to do with each buffer
     */
    void forEach(Consumer<? super T> action) {
        for (MpmcRing<T> ring : rings) {
            ring.forEachPresent(action);
        }
    }
}
