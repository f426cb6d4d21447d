package dev.bufpool.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * A bounded multi-producer multi-consumer FIFO of non-null elements that takes no lock, never
 * waits and allocates nothing after construction.
 *
 * <p><b>How it works</b> (the sequence-numbered ring of D. Vyukov's bounded MPMC queue). The ring
 * has a power-of-two number of cells; cell {@code i} has a sequence number, initially {@code i}.
 * {@code tail} counts offers, {@code head} counts polls; both only grow.
 * <ul>
 *   <li>Offer: read {@code t = tail}. If cell {@code t & mask} has sequence {@code t} it is free
 *       for ticket {@code t}: claim the ticket by CAS of {@code tail} from {@code t} to
 *       {@code t + 1}, write the element plainly, then store sequence {@code t + 1} with release.
 *       A sequence below {@code t} means the ring is full.</li>
 *   <li>Poll: read {@code h = head}. If cell {@code h & mask} has sequence {@code h + 1} it holds
 *       the element of ticket {@code h}: claim by CAS of {@code head}, read the element, clear the
 *       cell, then store sequence {@code h + cells} with release, freeing it for the offer one lap
 *       later. A sequence below {@code h + 1} means the ring is empty.</li>
 * </ul>
 * <b>Happens-before:</b> the offerer's element write (and everything before it, such as the last
 * holder's writes into a buffer) precedes its release store of the sequence; the poller's acquire
 * load of that sequence sees it, so the poller sees the element and those writes. The same edge the
 * other way frees a cell for reuse only after its element was read.
 *
 * <p><b>Progress:</b> no lock and no waiting, but not strictly lock-free: a thread preempted between
 * claiming a ticket and publishing its cell makes that one cell look empty to pollers (or full to
 * offerers) until it resumes. Callers treat that as a miss (allocate) or a full ring (drop), never
 * as a reason to wait, so a stalled thread costs an allocation, never a stall of others.
 *
 * <p><b>Capacity:</b> the logical capacity may be below the cell count. An offer also reads
 * {@code head} and refuses when {@code t - head >= capacity}; since {@code head} only grows and
 * each ticket {@code t} is claimed once, the size never exceeds the capacity.
 *
 * @param <E> the element class
 */
public final class MpmcRing<E> {

    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle HEAD = Handles.field(MethodHandles.lookup(), MpmcRing.class, "head", long.class);
    private static final VarHandle TAIL = Handles.field(MethodHandles.lookup(), MpmcRing.class, "tail", long.class);

    private final Object[] cells;
    private final long[] sequences;
    private final int mask;
    private final int capacity;
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile long head;
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile long tail;

    /**
     * Makes an empty ring.
     *
     * @param capacity the most elements held at once, {@code >= 0}
     * @throws IllegalArgumentException if {@code capacity} is negative or above {@code 2^30}
     */
    public MpmcRing(int capacity) {
        if (capacity < 0 || capacity > 1 << 30) {
            throw new IllegalArgumentException("capacity must be in [0, 1073741824]: capacity=" + capacity);
        }
        // At least two cells: with one, the sequence a poll writes to free the cell (h + 1) is the
        // one that means "ticket h published", so an offer of the next ticket could be cleared by
        // that poll and the ring would stall. The logical capacity keeps the bound exact.
        int cellCount = Math.max(2, PowersOfTwo.atLeast(capacity));
        this.cells = new Object[cellCount];
        this.sequences = new long[cellCount];
        for (int i = 0; i < cellCount; i++) {
            sequences[i] = i;
        }
        this.mask = cellCount - 1;
        this.capacity = capacity;
    }

    /** {@return the most elements held at once} */
    public int capacity() {
        return capacity;
    }

    /**
     * Adds {@code element} if there is room.
     *
     * @param element a non-null element
     * @return {@code false} if the ring was full
     */
    public boolean offer(E element) {
        while (true) {
            long t = (long) TAIL.getVolatile(this);
            int index = (int) t & mask;
            long seq = (long) SEQ.getAcquire(sequences, index);
            if (seq == t) {
                if (t - (long) HEAD.getVolatile(this) >= capacity) {
                    return false;
                }
                if (TAIL.compareAndSet(this, t, t + 1)) {
                    cells[index] = element;
                    SEQ.setRelease(sequences, index, t + 1);
                    return true;
                }
            } else if (seq < t) {
                return false;
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Removes the oldest element.
     *
     * @return the element, or {@code null} if the ring was empty
     */
    public E poll() {
        return pollOfferedBefore(Long.MAX_VALUE);
    }

    /**
     * Removes the oldest element if it was offered before ticket {@code ticket}, that is, if it was
     * in the ring when {@link #offers()} returned {@code ticket}: for trimming what has sat unused
     * since then. The ring is FIFO, so every element polled this way is older than that mark.
     *
     * @param ticket a value {@link #offers()} returned earlier
     * @return the element, or {@code null} if the ring is empty or its oldest element is younger
     */
    @SuppressWarnings("unchecked")
    public E pollOfferedBefore(long ticket) {
        while (true) {
            long h = (long) HEAD.getVolatile(this);
            if (h >= ticket) {
                return null;
            }
            int index = (int) h & mask;
            long seq = (long) SEQ.getAcquire(sequences, index);
            if (seq == h + 1) {
                if (HEAD.compareAndSet(this, h, h + 1)) {
                    E element = (E) cells[index];
                    cells[index] = null;
                    SEQ.setRelease(sequences, index, h + mask + 1);
                    return element;
                }
            } else if (seq < h + 1) {
                return null;
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Removes every element, and waits for each offer that has claimed a cell but not yet published
     * it: for {@code close()}. A pool that offers and then reads its closed flag, against a close
     * that sets the flag and then drains with this, keeps nothing in a closed ring: the offer's CAS
     * of {@code tail} and the closer's read of it, the closer's write of the flag and the offerer's
     * read of it, are all synchronization actions, so either the offerer sees the flag (and drains
     * itself) or this drain sees the claimed ticket and waits for its cell. A plain {@link #poll}
     * loop would take an unpublished cell for an empty ring: the offer publishes with a release
     * store, which a later volatile read on the same thread may pass.
     *
     * @return how many elements were removed
     */
    public int drain() {
        int removed = 0;
        while (true) {
            if (poll() != null) {
                removed++;
            } else if ((long) HEAD.getVolatile(this) >= (long) TAIL.getVolatile(this)) {
                return removed;
            } else {
                Thread.onSpinWait(); // a claimed cell, not yet published: its offerer is between two stores
            }
        }
    }

    /** {@return how many offers have succeeded so far: a mark for {@link #pollOfferedBefore}} */
    public long offers() {
        return (long) TAIL.getVolatile(this);
    }

    /** {@return the number of elements; exact when no other thread is offering or polling} */
    public int size() {
        long h = (long) HEAD.getVolatile(this);
        long t = (long) TAIL.getVolatile(this);
        return (int) Math.max(0, Math.min(capacity, t - h));
    }

    /**
     * Calls {@code action} for each element present, without removing any; a racy view while other
     * threads offer or poll, exact when they do not.
     *
     * @param action what to do with each element
     */
    @SuppressWarnings("unchecked")
    public void forEachPresent(Consumer<? super E> action) {
        for (int i = 0; i < cells.length; i++) {
            Object element = cells[i];
            if (element != null) {
                action.accept((E) element);
            }
        }
    }
}
