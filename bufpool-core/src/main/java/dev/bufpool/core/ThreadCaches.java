package dev.bufpool.core;

import dev.bufpool.BufferType;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One pool's per-thread buffer caches: a small private stack per platform thread, touched only by
 * its own thread, so the hot path takes no lock and no atomic.
 *
 * <p><b>Layout.</b> A cache is an {@code Object[]} of {@code size + 1} cells: cell 0 holds the count
 * array, cells {@code 1..count} the buffers. The count is the one word every acquire and release
 * writes; it sits in the middle of an {@code int[]} of 128 bytes, so no other object, whoever's
 * thread writes it, shares its cache line, however the collector packs the caches of several
 * threads next to each other. Only JDK types sit in the thread's
 * {@code ThreadLocal} map, and the {@code ThreadLocal} itself is a plain JDK one, so a thread that
 * outlives a closed pool keeps no class of this library, and so no application class loader,
 * reachable.
 *
 * <p><b>Why a primitive count, and stale cells.</b> The hot path writes no reference into the cache
 * in the steady state: {@link #pop} only lowers the count and leaves the buffer's reference in its
 * cell, and {@link #push} stores a buffer only if its cell holds another one (a buffer going back to
 * the thread that took it usually finds its own cell). Reference stores into a long-lived array cost
 * a GC write barrier each (with G1 a memory fence when the card is not young); a boxed count would
 * add one per operation. The barrier code also counts against the JIT's inlining budget, and the
 * lease object is only removed by escape analysis when {@code acquire} and {@code close} stay small
 * enough to inline. Cells above the count are free; they may still reference buffers handed out
 * since, which keeps at most {@code size} such buffers per thread reachable, until the cache is
 * emptied by {@link #clearCurrent} or taken back, which clear every cell.
 *
 * <p><b>Budget.</b> The caches of one pool hold at most {@code slotBudget} buffers together: each
 * new cache reserves its {@code size} cells from the budget; a thread that finds it spent uses the
 * shared pool without a cache, and asks again on its next use, so it gets one once ended threads'
 * caches have been taken back. Virtual threads never get a cache, so a million of them leave no
 * memory behind.
 *
 * <p><b>Finding a thread's cache.</b> The hot path looks first in {@link #owned}, a small table
 * indexed by thread id whose entries are registrations: a thread whose entry refers to it (checked
 * with {@link Reference#refersTo}, which needs no read barrier) has its cache in two loads, without
 * the {@code ThreadLocal} map's hashing. A cache enters the table when it is made, if its slot is
 * free or held by an ended thread's registration, and leaves it when it is taken back; a racy read
 * of an entry sees a whole registration or none, and the owner check decides. Threads whose slot is
 * held by a live thread, and virtual threads, use the {@code ThreadLocal}.
 *
 * <p><b>Ended threads.</b> Every cache is registered with a weak reference to its thread. Caches of
 * ended threads are taken back (their buffers handed to the drain, their cells to the budget) by
 * {@link #reclaimEnded()} (cheap: polls a reference queue, for miss paths) and {@link #sweep()}
 * (walks the registry, asking {@code isAlive()}). A cache is taken at most once (CAS on its
 * {@code taken} flag). The owner's last plain writes happen-before the taker's reads: through
 * {@code Thread.isAlive()} returning false (JLS 17.4.4), or, for a thread already collected, through
 * the collection that cleared its weak reference.
 *
 * @param <T> the buffer class
 */
public final class ThreadCaches<T> {

    /** The cache of a thread that has none: capacity 0, so push and pop fail at once; never written. */
    private static final Object[] NONE = {newCounter()};
    /** The count's index in its array: 64 bytes of the array before it, 60 after. */
    private static final int COUNT = 16;
    private static final int MIN_SWEEP_THRESHOLD = 16;
    /** Entries of {@link #owned}: a power of two, enough for the threads of a busy server. */
    private static final int OWNED_SLOTS = 256;

    private final ThreadLocal<Object[]> local = new ThreadLocal<>();
    private final Registration[] owned = new Registration[OWNED_SLOTS];
    private final int size;
    private final AtomicInteger slotsLeft;
    private final Consumer<T> drain;
    private final ConcurrentLinkedQueue<Registration> registry = new ConcurrentLinkedQueue<>();
    private final ReferenceQueue<Thread> ended = new ReferenceQueue<>();
    private final AtomicInteger registered = new AtomicInteger();
    private volatile int sweepThreshold = MIN_SWEEP_THRESHOLD;
    /** Set by {@link #forgetAll()}; a cache registered after it takes itself out again. */
    private volatile boolean forgotten;

    /** A cache and the thread that owns it. */
    private static final class Registration extends WeakReference<Thread> {
        final Object[] cache;
        /** The owner's entry in {@link #owned}. */
        final int slot;
        final AtomicBoolean taken = new AtomicBoolean();

        Registration(Thread owner, Object[] cache, ReferenceQueue<Thread> queue) {
            super(owner, queue);
            this.cache = cache;
            this.slot = slotOf(owner);
        }

        boolean ownerEnded() {
            Thread owner = get();
            return owner == null || !owner.isAlive();
        }
    }

    /**
     * Makes the per-thread caches of one pool, none created yet.
     *
     * @param size the most buffers one thread caches; {@code 0} disables caching
     * @param slotBudget the most buffers all caches of this pool hold together
     * @param drain takes the buffers of caches whose threads ended
     */
    public ThreadCaches(int size, int slotBudget, Consumer<T> drain) {
        this.size = size;
        this.slotsLeft = new AtomicInteger(slotBudget);
        this.drain = drain;
    }

    /**
     * The calling thread's cache, made on first use; a cache of capacity 0 for virtual threads, when
     * caching is off, or when the budget is spent. Only the calling thread may use it.
     *
     * @return the cache, for {@link #pop} and {@link #push}
     */
    public Object[] current() {
        return current(Thread.currentThread());
    }

    /**
     * As {@link #current()}, for a caller that already has {@code Thread.currentThread()}.
     *
     * @param thread the calling thread
     * @return the cache, for {@link #pop} and {@link #push}
     */
    public Object[] current(Thread thread) {
        Registration entry = owned[slotOf(thread)];
        return entry != null && entry.refersTo(thread) ? entry.cache : currentSlowly(thread);
    }

    @SuppressWarnings("deprecation") // getId(): threadId() arrived in 19, and 17 is supported
    private static int slotOf(Thread thread) {
        return (int) thread.getId() & (OWNED_SLOTS - 1);
    }

    private Object[] currentSlowly(Thread thread) {
        if (size == 0 || Threads.isVirtual(thread)) {
            return NONE;
        }
        Object[] cache = local.get();
        return cache != null ? cache : create(thread);
    }

    private Object[] create(Thread thread) {
        if (registered.get() >= sweepThreshold) {
            sweep();
            sweepThreshold = Math.max(MIN_SWEEP_THRESHOLD, 2 * registered.get());
        }
        if (!reserve() && (reclaimEnded() == 0 || !reserve())) {
            // No budget now: use the shared structures this time and ask again next time, so the
            // thread gets a cache once ended threads give theirs back. Nothing is stored for it.
            return NONE;
        }
        Object[] cache = new Object[size + 1];
        cache[0] = newCounter();
        Registration registration = new Registration(thread, cache, ended);
        registry.add(registration);
        registered.incrementAndGet();
        local.set(cache);
        Registration entry = owned[registration.slot];
        // A registration is only ever taken back once its owner has ended, so this covers taken ones.
        if (entry == null || entry.ownerEnded()) {
            // A racing thread may overwrite this entry with its own; either way each entry is whole.
            owned[registration.slot] = registration;
        }
        if (forgotten) {
            // forgetAll() (close) ran while this cache was made, and its clear of the registry may
            // have missed it: take it out. The registry's add (a CAS), then this volatile read,
            // against forgetAll's volatile write, then its clear: one of the two sees the other.
            registry.remove(registration);
            if (owned[registration.slot] == registration) {
                owned[registration.slot] = null;
            }
        }
        return cache;
    }

    /** A count array: {@code COUNT} ints of padding on either side of the count. */
    private static int[] newCounter() {
        return new int[2 * COUNT];
    }

    private boolean reserve() {
        int left;
        do {
            left = slotsLeft.get();
            if (left < size) {
                return false;
            }
        } while (!slotsLeft.compareAndSet(left, left - size));
        return true;
    }

    /**
     * Takes the newest buffer from a cache of the calling thread.
     *
     * @param cache the calling thread's cache
     * @param <T> the buffer class
     * @return the buffer, or {@code null} if the cache is empty
     */
    @SuppressWarnings("unchecked")
    public static <T> T pop(Object[] cache) {
        int[] count = (int[]) cache[0];
        int n = count[COUNT];
        if (n == 0) {
            return null;
        }
        count[COUNT] = n - 1;
        return (T) cache[n];
    }

    /**
     * Takes from a cache of the calling thread the newest buffer whose capacity is in
     * {@code [minCapacity, maxCapacity]}, for pools whose caches hold buffers of several sizes. The
     * newest buffer is tried first, inline; only if it does not fit are the older ones searched, in
     * a method of its own. So the hot case (a thread reusing the size it last gave back) costs one
     * comparison and little code.
     *
     * @param cache the calling thread's cache
     * @param type the type of the cached buffers, to measure them
     * @param minCapacity the least capacity wanted
     * @param maxCapacity the most capacity wanted
     * @param <T> the buffer class
     * @return the buffer, or {@code null} if no cached buffer fits
     */
    @SuppressWarnings("unchecked")
    public static <T> T popFitting(Object[] cache, BufferType<T> type, int minCapacity, int maxCapacity) {
        int[] count = (int[]) cache[0];
        int n = count[COUNT];
        if (n == 0) {
            return null;
        }
        T newest = (T) cache[n];
        int capacity = type.capacity(newest);
        if (capacity >= minCapacity && capacity <= maxCapacity) {
            count[COUNT] = n - 1;
            return newest;
        }
        return n == 1 ? null : popOlderFitting(cache, count, type, minCapacity, maxCapacity);
    }

    /** The search below the newest buffer; the one taken swaps cells with the newest. */
    @SuppressWarnings("unchecked")
    private static <T> T popOlderFitting(Object[] cache, int[] count, BufferType<T> type, int minCapacity,
            int maxCapacity) {
        int n = count[COUNT];
        for (int i = n - 1; i > 0; i--) {
            T buffer = (T) cache[i];
            int capacity = type.capacity(buffer);
            if (capacity >= minCapacity && capacity <= maxCapacity) {
                cache[i] = cache[n];
                cache[n] = buffer;
                count[COUNT] = n - 1;
                return buffer;
            }
        }
        return null;
    }

    /**
     * Puts a buffer in a cache of the calling thread if there is room.
     *
     * @param cache the calling thread's cache
     * @param buffer the buffer
     * @return {@code false} if the cache was full
     */
    public static boolean push(Object[] cache, Object buffer) {
        int[] count = (int[]) cache[0];
        int n = count[COUNT] + 1;
        if (n == cache.length) {
            return false;
        }
        if (cache[n] != buffer) {
            cache[n] = buffer;
        }
        count[COUNT] = n;
        return true;
    }

    /**
     * Empties the calling thread's cache into {@code sink}; for {@code trim()} and {@code close()}.
     *
     * @param sink takes each buffer
     * @return how many buffers were removed
     */
    public int clearCurrent(Consumer<? super T> sink) {
        Object[] cache = size == 0 || Threads.isVirtual(Thread.currentThread()) ? null : local.get();
        if (cache == null || cache == NONE) {
            return 0;
        }
        int removed = 0;
        for (T buffer = pop(cache); buffer != null; buffer = pop(cache)) {
            sink.accept(buffer);
            removed++;
        }
        Arrays.fill(cache, 1, cache.length, null);
        return removed;
    }

    /**
     * Takes back the caches of threads the garbage collector found ended; cheap when there are none.
     *
     * @return how many buffers went to the drain
     */
    public int reclaimEnded() {
        int reclaimed = 0;
        for (Reference<? extends Thread> ref = ended.poll(); ref != null; ref = ended.poll()) {
            reclaimed += take((Registration) ref);
        }
        return reclaimed;
    }

    /**
     * Takes back the caches of every thread that has ended; walks all caches.
     *
     * @return how many buffers went to the drain
     */
    public int sweep() {
        int reclaimed = 0;
        for (Registration registration : registry) {
            if (registration.ownerEnded()) {
                reclaimed += take(registration);
            }
        }
        return reclaimed;
    }

    @SuppressWarnings("unchecked")
    private int take(Registration registration) {
        if (!registration.taken.compareAndSet(false, true)) {
            return 0;
        }
        registry.remove(registration);
        registered.decrementAndGet();
        if (owned[registration.slot] == registration) {
            // Its thread has ended: no thread can match it any more, so this only frees the slot.
            owned[registration.slot] = null;
        }
        Object[] cache = registration.cache;
        int[] count = (int[]) cache[0];
        int n = count[COUNT];
        count[COUNT] = 0;
        for (int i = 1; i <= n; i++) {
            drain.accept((T) cache[i]);
        }
        Arrays.fill(cache, 1, cache.length, null);
        slotsLeft.addAndGet(size);
        return n;
    }

    /**
     * Calls {@code action} for each buffer in any cache; a racy view while threads use their caches,
     * exact when they do not.
     *
     * @param action what to do with each buffer
     */
    @SuppressWarnings("unchecked")
    public void forEachCached(Consumer<? super T> action) {
        for (Registration registration : registry) {
            Object[] cache = registration.cache;
            int n = Math.min(((int[]) cache[0])[COUNT], cache.length - 1);
            for (int i = 1; i <= n; i++) {
                Object buffer = cache[i];
                if (buffer != null) {
                    action.accept((T) buffer);
                }
            }
        }
    }

    /**
     * The registrations of the caches held now, each a weak reference to its thread; for the jcstress
     * tests, which stand in for the collector by enqueuing one ({@link Reference#enqueue()} clears it
     * and puts it on {@link #ended}, as the collector does for a collected thread).
     *
     * @return a live view of the registry
     */
    Iterable<? extends Reference<Thread>> registrations() {
        return registry;
    }

    /**
     * Forgets every cache: the calling thread's is removed from its {@code ThreadLocal}, the others
     * are dropped from the registry so the pool keeps none of them reachable. Buffers still in live
     * threads' caches are left to the garbage collector with those threads. For {@code close()}.
     */
    public void forgetAll() {
        forgotten = true;
        if (size > 0) {
            local.remove();
        }
        Arrays.fill(owned, null);
        registry.clear();
        registered.set(0);
    }
}
