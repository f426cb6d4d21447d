package dev.bufpool.bounded.internal;

import dev.bufpool.core.Handles;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The idle buffers: a lock-free LIFO stack of slots, linked by slot index, that allocates nothing
 * after the slots exist; the uncontended push and pop are one CAS each.
 *
 * <p><b>How it works</b> (a Treiber stack with a version tag). The whole state is one
 * {@code long}, {@code head}: {@code [tag:22][count:21][top:21]}, where {@code top} is one more
 * than the index of the top slot ({@code 0}: empty), {@code count} the number of slots on the
 * stack, and {@code tag} counts pops. Each slot's {@code next} holds the {@code top} value below
 * it.
 * <ul>
 *   <li>Push: read {@code head}; refuse if {@code count} has reached the cap; write
 *       {@code slot.next = top}; CAS {@code head} to {@code [tag][count + 1][slot + 1]}.</li>
 *   <li>Pop: read {@code head}; empty if {@code top == 0}; read {@code next} of the top slot; CAS
 *       {@code head} to {@code [tag + 1][count - 1][next]}.</li>
 * </ul>
 * <b>ABA:</b> a pop's {@code next} may be stale if, between its read of {@code head} and its CAS,
 * the top slot was popped and pushed again over another slot. Every pop bumps the tag, so the CAS
 * then fails unless exactly a multiple of 2^22 (4,194,304) pops happened in that window and left
 * the same count and top: a bound accepted here, as in {@code ForkJoinPool}'s 16-bit stack tags.
 * A push needs no tag: whatever happened before, its CAS links the slot over the current top.
 *
 * <p><b>Happens-before:</b> everything a releasing thread did (its writes into the buffer, the
 * buffer's reset, {@code slot.next}) precedes its CAS of {@code head}; a pop's read of {@code head}
 * that sees that CAS, or a later one in the chain of CASes on {@code head}, sees all of it. The
 * slot table is replaced (longer copy, same slot objects) only under the ledger lock, before any
 * new slot can be pushed; a pop reads the table after {@code head}, so it sees a table holding
 * every slot {@code head} can name. {@code next} is plain: a pop may read a value a concurrent
 * push is overwriting, but then {@code head} has changed and its CAS fails.
 *
 * <p><b>Count:</b> exact, as part of the same word: a cap on idle buffers ({@code maxIdleBuffers})
 * and {@code available()} cost no extra atomic.
 *
 * @param <T> the buffer class
 */
final class SlotStack<T> {

    /** The most slots a pool may have: {@code 2^20}, the limit {@code maxBuffers} allows. */
    static final int MAX_SLOTS = 1 << 20;

    private static final int FIELD_BITS = 21;
    private static final long TOP_MASK = (1L << FIELD_BITS) - 1;
    private static final long COUNT_UNIT = 1L << FIELD_BITS;
    private static final long COUNT_MASK = TOP_MASK << FIELD_BITS;
    private static final long TAG_UNIT = 1L << (2 * FIELD_BITS);
    private static final long TAG_MASK = ~(COUNT_MASK | TOP_MASK);

    private static final VarHandle HEAD = Handles.field(MethodHandles.lookup(), SlotStack.class, "head", long.class);

    /** {@code [tag:22][count:21][top:21]}; read as volatile, written only by CAS through HEAD. */
    private volatile long head;
    /** Every slot of the pool, by index; replaced by a longer copy under the ledger lock. */
    private volatile Slot<T>[] slots;

    @SuppressWarnings("unchecked")
    SlotStack() {
        slots = (Slot<T>[]) new Slot<?>[0];
    }

    /**
     * Takes the most recently pushed slot.
     *
     * @return the slot, now owned by the caller, or {@code null} if the stack is empty
     */
    Slot<T> pop() {
        while (true) {
            long h = head;
            int top = (int) (h & TOP_MASK);
            if (top == 0) {
                return null;
            }
            Slot<T> slot = slots[top - 1];
            long popped = (((h & TAG_MASK) + TAG_UNIT) & TAG_MASK) | ((h & COUNT_MASK) - COUNT_UNIT) | slot.next;
            if (HEAD.compareAndSet(this, h, popped)) {
                return slot;
            }
        }
    }

    /**
     * Puts a slot the caller owns on the stack, unless {@code cap} slots are on it already.
     *
     * @param slot a slot with a buffer, owned by the caller
     * @param cap the most slots the stack may hold
     * @return {@code false} if the stack was at its cap; the caller still owns the slot
     */
    boolean push(Slot<T> slot, int cap) {
        long self = slot.index + 1L;
        while (true) {
            long h = head;
            if ((h & COUNT_MASK) >>> FIELD_BITS >= cap) {
                return false;
            }
            slot.next = (int) (h & TOP_MASK);
            long pushed = (h & TAG_MASK) | ((h & COUNT_MASK) + COUNT_UNIT) | self;
            if (HEAD.compareAndSet(this, h, pushed)) {
                return true;
            }
        }
    }

    /** @return the number of slots on the stack: exact at the instant of one volatile read */
    int size() {
        return (int) ((head & COUNT_MASK) >>> FIELD_BITS);
    }

    /** @return the number of slots in the table */
    int slotCount() {
        return slots.length;
    }

    /**
     * Adds {@code more} new slots, with no buffer, to the table. Called only under the ledger lock.
     *
     * @param more how many, with {@code slotCount() + more <= MAX_SLOTS}
     * @param engine the pool the slots belong to
     * @return the new slots
     */
    Slot<T>[] extend(int more, BoundedEngine<T> engine) {
        Slot<T>[] old = slots;
        Slot<T>[] grown = Arrays.copyOf(old, old.length + more);
        for (int i = old.length; i < grown.length; i++) {
            grown[i] = new Slot<>(engine, i);
        }
        slots = grown;
        return Arrays.copyOfRange(grown, old.length, grown.length);
    }
}
