package dev.bufpool.bounded.internal;

import java.util.ArrayDeque;

/**
 * Where the slots that are not on the idle stack are, and how many there are: the ledger's books of
 * slots. Every slot of the table is in exactly one place: on the idle {@link SlotStack} (with a
 * buffer), leased out (with a buffer), reserved by a thread creating its buffer, among the
 * {@code empty} ones here (no buffer, ready to be filled), or among the {@code retired} ones here
 * (taken back by shrinking: no buffer, not counted in {@link #size()}, brought back by a later
 * {@link #add} before it makes new slots).
 *
 * <p>{@code created} counts the slots with a buffer or reserved for one (idle, leased, reserved);
 * {@code size = created + empty}. Moves off the stack are the stack's CAS pop, which makes the
 * caller the slot's sole owner, exactly as an acquirer's pop does; so a slot is never retired while
 * anyone else holds it.
 *
 * <p><b>Thread safety:</b> every method that changes the books is called under the ledger lock. The
 * three counts are volatile so that {@code available()} and the figures can read them without it;
 * such a read is exact only when nothing moves.
 *
 * @param <T> the buffer class
 */
final class SlotBooks<T> {

    private final SlotStack<T> idle;
    private final ArrayDeque<Slot<T>> empty = new ArrayDeque<>();
    private final ArrayDeque<Slot<T>> retired = new ArrayDeque<>();
    private volatile int emptyCount;
    private volatile int created;
    private volatile int size;

    SlotBooks(SlotStack<T> idle) {
        this.idle = idle;
    }

    /** {@return the slots without a buffer that may get one} */
    int empty() {
        return emptyCount;
    }

    /** {@return the slots holding a buffer or reserved for one} */
    int created() {
        return created;
    }

    /** {@return the slots of the pool, retired ones not counted} */
    int size() {
        return size;
    }

    /** {@return an empty slot, now reserved for the caller to create its buffer; needs {@code empty() > 0}} */
    Slot<T> reserve() {
        Slot<T> slot = empty.pop();
        emptyCount--;
        created++;
        return slot;
    }

    /**
     * A slot the caller owns (taken off the stack, returned by a lease, or reserved) loses its buffer,
     * if it has one, and becomes empty.
     */
    void empty(Slot<T> slot) {
        slot.buffer = null;
        empty.push(slot);
        emptyCount++;
        created--;
    }

    /**
     * Adds {@code more} empty slots: retired ones first, then new ones at the end of the table.
     *
     * @param more how many, with {@code size() + more <= SlotStack.MAX_SLOTS}; the table then never
     *        passes the limit either, as it holds only the slots counted and the retired ones
     * @param engine the pool new slots belong to
     */
    void add(int more, BoundedEngine<T> engine) {
        int reused = Math.min(more, retired.size());
        for (int i = 0; i < reused; i++) {
            empty.push(retired.pop());
        }
        if (more > reused) {
            for (Slot<T> slot : idle.extend(more - reused, engine)) {
                empty.push(slot);
            }
        }
        emptyCount += more;
        size += more;
    }

    /**
     * Retires up to {@code most} slots: empty ones first, as they cost nothing to make again, then
     * idle ones, each taken off the stack as an acquirer takes it, its buffer dropped; stops early
     * when the stack is found empty. Leased and reserved slots are never touched.
     *
     * @param most how many slots to retire at most
     * @return how many idle buffers were dropped; {@link #size()} tells how many slots went
     */
    int retire(int most) {
        int empties = Math.min(most, emptyCount);
        for (int i = 0; i < empties; i++) {
            retired.push(empty.pop());
        }
        emptyCount -= empties;
        int dropped = 0;
        for (Slot<T> slot; empties + dropped < most && (slot = idle.pop()) != null; dropped++) {
            slot.buffer = null;
            retired.push(slot);
        }
        created -= dropped;
        size -= empties + dropped;
        return dropped;
    }

    /** {@return how many idle buffers were dropped, their slots now empty} */
    int drainIdle() {
        int dropped = 0;
        for (Slot<T> slot = idle.pop(); slot != null; slot = idle.pop()) {
            empty(slot);
            dropped++;
        }
        return dropped;
    }
}
