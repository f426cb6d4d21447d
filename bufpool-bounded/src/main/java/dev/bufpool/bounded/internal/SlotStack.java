package dev.bufpool.bounded.internal;

import dev.bufpool.core.PowersOfTwo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The idle buffers: a few lock-free LIFO stacks of slots ("stripes"), linked by slot index, that
 * allocate nothing after the slots exist; the uncontended push and pop are one CAS each.
 *
 * <p><b>Stripes.</b> A thread pushes to and pops from its home stripe first (its id modulo the
 * stripe count), so threads that each take and give back their own buffers work on different words
 * and do not pass one cache line between their cores; a pop that finds its home stripe empty tries
 * the others in turn, and so does a push that finds its home stripe at its share of the cap. The
 * stripe count is a power of two, {@code 2 x} the processors, at least 2 and at most 16.
 *
 * <p><b>How a stripe works</b> (a Treiber stack with a version tag). Its whole state is one
 * {@code long} in {@code heads}: {@code [tag:43][top:21]}, where {@code top} is one more than the
 * index of the top slot ({@code 0}: empty) and {@code tag} counts pops. Each slot's {@code next}
 * holds the {@code top} value below it, and its {@code depth} the number of slots on the stripe
 * with it on top, so the stripe's count is its top slot's depth and needs no bits in the word. The
 * heads sit {@value #STRIDE} longs apart, so no two share a cache line.
 * <ul>
 *   <li>Push: read the head; read the count from the top slot's {@code depth}; skip the stripe if
 *       it has reached its share; write {@code slot.next = top} and {@code slot.depth = count + 1};
 *       CAS the head to {@code [tag][slot + 1]}.</li>
 *   <li>Pop: read the head; skip the stripe if {@code top == 0}; read {@code next} of the top
 *       slot; CAS the head to {@code [tag + 1][next]}; record in the slot the word it installed,
 *       the stripe and the count left ({@code depth - 1}).</li>
 * </ul>
 * <b>The count without the top slot:</b> a slot given back to the stripe it came from, which still
 * holds the word its pop installed, finds the count in what the pop recorded: no pop has
 * happened there since (the tag would differ), and without a pop the top cannot come back to the
 * same slot after a push, so the stripe is exactly as that pop left it. This spares the release of a
 * buffer taken and given back by one thread the dependent load of the top slot (a tenth of the
 * bounded pool's acquire and release). The word can only repeat after 2^43 pops of the stripe (a day
 * of pops without pause, see below), and a repeat could only make that one count wrong: the link is
 * {@code top} as read from the word, and the CAS still compares the whole word.
 * <p> * <b>ABA:</b> a pop's {@code next}, or a push's count, may be stale if, between its read of the
 * head and its CAS, the top slot was popped and pushed again. Every pop bumps the tag, so the CAS
 * then fails unless exactly a multiple of 2^43 pops of that stripe happened in that window and left
 * the same top: at one pop every 10 ns, a thread would have to stall between two instructions for
 * more than 24 hours while that stripe is popped without pause. (The tag had 22 bits while the word
 * held the count too; 2^22 pops, a fraction of a second, could then make a stale pop succeed and
 * hand a leased slot out again.) A push needs no tag of its own: if no pop happened since its read,
 * the top slot and its depth are what it read, and its CAS links the slot over them.
 * A slot is on at most one stripe, so its {@code next} belongs to that stripe's chain.
 *
 * <p><b>Happens-before:</b> everything a releasing thread did (its writes into the buffer, the
 * buffer's reset, {@code slot.next}, {@code slot.depth}) precedes its CAS of a head; a pop's read of that head that
 * sees that CAS, or a later one in the chain of CASes on it, sees all of it. The slot table is
 * replaced (longer copy, same slot objects) only under the ledger lock, before any new slot can be
 * pushed; a pop reads the table after the head, so it sees a table holding every slot the head can
 * name. {@code next} and {@code depth} are plain: a pop or push may read a value a concurrent push
 * is overwriting, but then the head has changed and its CAS fails. The ledger's no-lost-wakeup argument ("a releaser CASes
 * a head, then reads the gate; a waiter writes the gate, then pops, reading every head") holds
 * stripe by stripe: the releaser's CAS and the waiter's read of that head are both volatile.
 *
 * <p><b>Cap:</b> exact. A cap of {@code c} idle slots is split into shares, {@code c / stripes}
 * each, the first {@code c % stripes} stripes one more; a stripe never holds more than its share,
 * and a push is refused only when every stripe holds its share, which is when {@code c} slots are
 * idle. {@link #size()} sums the top slots' depths: exact when quiescent, and at any moment within
 * the slots moved by pushes and pops racing the sum.
 *
 * @param <T> the buffer class
 */
final class SlotStack<T> {

    /** The most slots a pool may have: {@code 2^20}, the limit {@code maxBuffers} allows. */
    static final int MAX_SLOTS = 1 << 20;

    /** Longs between two heads: 128 bytes, two cache lines, against adjacent-line prefetch. */
    static final int STRIDE = 16;
    private static final int MAX_STRIPES = 16;

    private static final int TOP_BITS = 21;
    private static final long TOP_MASK = (1L << TOP_BITS) - 1;
    private static final long TAG_UNIT = 1L << TOP_BITS;
    private static final long TAG_MASK = ~TOP_MASK;

    private static final VarHandle HEAD = MethodHandles.arrayElementVarHandle(long[].class);

    /** Stripe {@code i}'s head at {@code heads[i * STRIDE]}; read as volatile, written only by CAS. */
    private final long[] heads;
    /** The stripe count minus one; the count is a power of two. */
    private final int mask;
    /** {@code log2} of the stripe count, to split a cap into shares without a division. */
    private final int shift;
    /** Every slot of the pool, by index; replaced by a longer copy under the ledger lock. */
    private volatile Slot<T>[] slots;

    SlotStack() {
        this(Runtime.getRuntime().availableProcessors());
    }

    @SuppressWarnings("unchecked")
    SlotStack(int processors) {
        int stripes = Math.min(MAX_STRIPES, Math.max(2, PowersOfTwo.atLeast(2 * processors)));
        this.mask = stripes - 1;
        this.shift = Integer.numberOfTrailingZeros(stripes);
        this.heads = new long[stripes * STRIDE];
        this.slots = (Slot<T>[]) new Slot<?>[0];
    }

    /**
     * Takes the most recently pushed slot of the caller's home stripe, else of another stripe.
     *
     * @return the slot, now owned by the caller, or {@code null} if every stripe was empty when read
     */
    Slot<T> pop() {
        int home = homeOf(Thread.currentThread());
        Slot<T> slot = popFrom(home);
        return slot != null ? slot : popElsewhere(home);
    }

    /**
     * The thread's home stripe: its id modulo the stripe count, unmixed, so that threads started one
     * after another (ids in sequence, as in a worker pool) get different stripes.
     */
    @SuppressWarnings("deprecation") // Thread.threadId() arrives in JDK 19; getId() is the same value
    private int homeOf(Thread thread) {
        return (int) thread.getId() & mask;
    }

    private Slot<T> popElsewhere(int home) {
        for (int i = 1; i <= mask; i++) {
            Slot<T> slot = popFrom((home + i) & mask);
            if (slot != null) {
                return slot;
            }
        }
        return null;
    }

    private Slot<T> popFrom(int stripe) {
        int at = stripe * STRIDE;
        while (true) {
            long h = (long) HEAD.getVolatile(heads, at);
            int top = (int) (h & TOP_MASK);
            if (top == 0) {
                return null;
            }
            Slot<T> slot = slots[top - 1];
            long popped = (((h & TAG_MASK) + TAG_UNIT) & TAG_MASK) | slot.next;
            if (HEAD.compareAndSet(heads, at, h, popped)) {
                slot.poppedWord = popped;
                slot.poppedStripe = stripe;
                slot.poppedCount = slot.depth - 1;
                return slot;
            }
        }
    }

    /**
     * Puts a slot the caller owns on its home stripe, else on another stripe with room under its
     * share of {@code cap}; refused only when {@code cap} slots are idle.
     *
     * @param slot a slot with a buffer, owned by the caller
     * @param cap the most slots the stack may hold, all stripes together
     * @return {@code false} if every stripe was at its share; the caller still owns the slot
     */
    boolean push(Slot<T> slot, int cap) {
        int home = homeOf(Thread.currentThread());
        return pushTo(home, slot, cap) || pushElsewhere(home, slot, cap);
    }

    private boolean pushElsewhere(int home, Slot<T> slot, int cap) {
        for (int i = 1; i <= mask; i++) {
            if (pushTo((home + i) & mask, slot, cap)) {
                return true;
            }
        }
        return false;
    }

    private boolean pushTo(int stripe, Slot<T> slot, int cap) {
        long share = (cap >>> shift) + (stripe < (cap & mask) ? 1 : 0);
        long self = slot.index + 1L;
        int at = stripe * STRIDE;
        while (true) {
            long h = (long) HEAD.getVolatile(heads, at);
            int top = (int) (h & TOP_MASK);
            int count = h == slot.poppedWord && stripe == slot.poppedStripe
                    ? slot.poppedCount // the stripe is as this slot's pop left it
                    : top == 0 ? 0 : slots[top - 1].depth;
            if (count >= share) {
                return false;
            }
            slot.next = top;
            slot.depth = count + 1;
            long pushed = (h & TAG_MASK) | self;
            if (HEAD.compareAndSet(heads, at, h, pushed)) {
                return true;
            }
        }
    }

    /** {@return the number of slots on all stripes: exact when quiescent} */
    int size() {
        int size = 0;
        for (int stripe = 0; stripe <= mask; stripe++) {
            int top = (int) ((long) HEAD.getVolatile(heads, stripe * STRIDE) & TOP_MASK);
            size += top == 0 ? 0 : slots[top - 1].depth;
        }
        return size;
    }

    /**
     * @param stripe a stripe
     * @return its head word; for tests of the tag
     */
    long headWord(int stripe) {
        return (long) HEAD.getVolatile(heads, stripe * STRIDE);
    }

    /** {@return the number of stripes} */
    int stripes() {
        return mask + 1;
    }

    /** {@return the number of slots in the table} */
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
