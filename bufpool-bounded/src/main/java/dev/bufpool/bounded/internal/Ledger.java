package dev.bufpool.bounded.internal;

import dev.bufpool.PoolExhaustedException;
import dev.bufpool.PoolStats;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded pool's slow path and books, under one {@link ReentrantLock}: the FIFO queue of
 * waiters, the slots without a buffer, the memory budget, and the hand-off of buffers to waiters.
 *
 * <p><b>Books</b> (changed only under the lock). Where each slot is, and how many hold a buffer
 * ({@code created}), is the {@link SlotBooks}'. {@code oneOffs} and {@code oneOffBytes} count the
 * one-off buffers out or being created. The bytes charged to the budget are
 * {@code created * slotBytes + oneOffBytes}; every reservation checks they stay within it, so the
 * budget holds at every instant, idle and leased buffers together.
 *
 * <p><b>Fairness.</b> Waiters are served strictly in arrival order: {@link #dispatch()} serves the
 * head of the queue while it can and stops at the first it cannot, so no waiter is overtaken, not
 * even by a smaller request (head-of-line blocking is the price of never starving a large one). A
 * thread that finds waiters queued queues behind them, on the fast path too: the fast paths only
 * run while {@link #gate} is {@code 0}.
 *
 * <p><b>Hand-off.</b> A release with waiters queued ends in {@code dispatch()}, which gives the
 * buffer to the head waiter directly ({@link Waiter#grant}) and signals that waiter's own
 * condition. The grant is made under the lock, and a waiter looks at its grant, under the lock,
 * before it decides it timed out, was interrupted or saw the pool closed: a buffer granted is
 * never lost, whatever instant the timeout or interrupt falls on. Waits are bounded by a deadline
 * fixed on arrival, so a spurious wakeup never lengthens them.
 *
 * <p><b>No lost wakeup</b> (the one edge between the lock-free and the locked side). A releasing
 * thread pushes on the idle stack (a volatile CAS), then reads {@code gate} (volatile); a thread
 * that queues writes {@code gate} (volatile), then pops the stack once more ({@code dispatch()}).
 * These four are synchronization actions, totally ordered: either the releaser sees the waiter and
 * dispatches under the lock, or the waiter's pop sees the buffer. Closing uses the same edge with
 * the {@link #CLOSED} bit: a buffer pushed while the pool closes is drained by whichever side comes
 * second.
 *
 * <p><b>Shrinking</b> ({@link #shrinkIdle}, with a {@link ShrinkWindow}) sees what is available at
 * each tick, and between ticks what the slow path saw: a pooled request that missed the fast path
 * found only the empty slots, a thread that queued found nothing.
 *
 * <p><b>Failures.</b> No user code (factory, reset, clock) runs under the lock. A slot reserved for a
 * buffer whose creation fails is given back with {@link #abandon}, which dispatches again, so
 * neither the slot nor the waiters behind it are lost.
 *
 * @param <T> the buffer class
 */
final class Ledger<T> {

    /** {@link #gate} bit: the pool is closed. */
    static final int CLOSED = 1;
    /** {@link #gate} increment per queued waiter. */
    static final int ONE_WAITER = 2;
    /** The budget of a pool that has none. */
    static final long NO_BUDGET = Long.MAX_VALUE;

    private final BoundedEngine<T> engine;
    private final SlotStack<T> idle;
    private final long budget;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter<T>> waiters = new ArrayDeque<>();
    private final SlotBooks<T> slots;
    /** The shrinking policy, or {@code null} without {@code idleTimeout}. */
    private final ShrinkWindow window;
    private final LongAdder allocations = new LongAdder();
    private final LongAdder drops = new LongAdder();
    private final LongAdder trims = new LongAdder();
    private final LongAdder waits = new LongAdder();
    private final LongAdder timeouts = new LongAdder();

    /** {@code CLOSED | waiters * ONE_WAITER}: written under the lock, read by the fast paths. */
    volatile int gate;
    /** The bytes of one pooled buffer; {@code -1} until one was measured (never with a budget). */
    private volatile long slotBytes;
    private volatile int oneOffs;
    private volatile long oneOffBytes;

    Ledger(BoundedEngine<T> engine, SlotStack<T> idle, long budget, long slotBytes, ShrinkWindow window) {
        this.engine = engine;
        this.idle = idle;
        this.budget = budget;
        this.slotBytes = slotBytes;
        this.slots = new SlotBooks<>(idle);
        this.window = window;
    }

    /**
     * Serves a request that missed the fast path if it can be served now and nobody is queued.
     *
     * @return a holder (its buffer still to create if {@code null}), or {@code null}
     * @throws IllegalStateException if the pool is closed
     */
    Holder<T> takeNow(int capacity, boolean pooled, long bytes) {
        lock.lock();
        try {
            checkOpen();
            saw(pooled ? slots.empty() : Integer.MAX_VALUE);
            return waiters.isEmpty() ? serve(capacity, pooled, bytes) : null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Serves a request, waiting in FIFO turn up to {@code nanos} if it cannot be served now.
     *
     * @return a holder (its buffer still to create if {@code null}), or {@code null} on timeout
     * @throws InterruptedException if interrupted while waiting and nothing was granted yet
     * @throws IllegalStateException if the pool is or gets closed before anything was granted
     */
    Holder<T> take(int capacity, boolean pooled, long bytes, long nanos) throws InterruptedException {
        long start = System.nanoTime();
        lock.lock();
        try {
            checkOpen();
            saw(pooled ? slots.empty() : Integer.MAX_VALUE);
            if (waiters.isEmpty()) {
                Holder<T> now = serve(capacity, pooled, bytes);
                if (now != null) {
                    return now;
                }
            }
            if (nanos <= 0) {
                return null;
            }
            // A deadline at most 2^62 ns (146 years) away: deadline - now never overflows.
            long deadline = start + Math.min(nanos, Long.MAX_VALUE >>> 1);
            return await(new Waiter<>(capacity, pooled, bytes, lock.newCondition()), deadline);
        } finally {
            lock.unlock();
        }
    }

    /** Tells the shrinking what the slow path saw available: a pooled miss the empty slots, a waiter none. */
    private void saw(int available) {
        if (window != null) {
            window.saw(available);
        }
    }

    private Holder<T> await(Waiter<T> me, long deadline) throws InterruptedException {
        waiters.addLast(me);
        waits.increment();
        saw(0);
        publishGate();
        dispatch();
        while (me.grant == null) {
            if ((gate & CLOSED) != 0) {
                leave(me);
                throw closed();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                leave(me);
                timeouts.increment();
                return null;
            }
            try {
                me.ready.awaitNanos(remaining);
            } catch (InterruptedException e) {
                if (me.grant != null) {
                    Thread.currentThread().interrupt();
                    break;
                }
                leave(me);
                throw e;
            }
        }
        return me.grant;
    }

    private void leave(Waiter<T> me) {
        waiters.remove(me);
        dispatch();
    }

    /** Serves the queue from its head while the head can be served; publishes the gate. */
    private void dispatch() {
        if ((gate & CLOSED) == 0) {
            for (Waiter<T> head = waiters.peekFirst(); head != null; head = waiters.peekFirst()) {
                Holder<T> granted = serve(head.capacity, head.pooled, head.bytes);
                if (granted == null) {
                    break;
                }
                waiters.pollFirst();
                head.grant = granted;
                head.ready.signal();
            }
        }
        publishGate();
    }

    private void publishGate() {
        gate = (gate & CLOSED) | waiters.size() * ONE_WAITER;
    }

    /** One request, now, under the lock: an idle slot, else an empty slot or a one-off in budget. */
    private Holder<T> serve(int capacity, boolean pooled, long bytes) {
        if (pooled) {
            Slot<T> slot = idle.pop();
            if (slot != null) {
                return slot;
            }
            return slots.empty() > 0 && fits(slotBytes) ? slots.reserve() : null;
        }
        if (!fits(bytes)) {
            freeUp(bytes);
            if (!fits(bytes)) {
                return null;
            }
        }
        oneOffs++;
        oneOffBytes += bytes;
        return new OneOff<>(engine, capacity, bytes);
    }

    private boolean fits(long bytes) {
        return budget == NO_BUDGET || budget - used() >= bytes;
    }

    private long used() {
        return slots.created() * Math.max(0, slotBytes) + oneOffBytes;
    }

    /** Drops idle buffers to make room for {@code bytes}, but only if that makes enough room. */
    private void freeUp(long bytes) {
        long missing = bytes - (budget - used());
        if ((long) idle.size() * slotBytes < missing) {
            return;
        }
        while (!fits(bytes)) {
            Slot<T> slot = idle.pop();
            if (slot == null) {
                return;
            }
            slots.empty(slot);
            drops.increment();
        }
    }

    /** After a push that saw the gate open: serve the waiters, or drain a pool that closed. */
    void afterRelease() {
        lock.lock();
        try {
            if ((gate & CLOSED) != 0) {
                drops.add(slots.drainIdle());
            } else {
                dispatch();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes back a slot whose buffer is not kept (reset failed, idle cap reached, pool closed). */
    void drop(Slot<T> slot) {
        lock.lock();
        try {
            slots.empty(slot);
            drops.increment();
            dispatch();
        } finally {
            lock.unlock();
        }
    }

    /** Gives the budget of a closed one-off lease back. */
    void releaseOneOff(OneOff<T> oneOff) {
        lock.lock();
        try {
            oneOffs--;
            oneOffBytes -= oneOff.bytes;
            drops.increment();
            dispatch();
        } finally {
            lock.unlock();
        }
    }

    /** Takes back a reservation whose buffer could not be created. */
    void abandon(Holder<T> holder) {
        lock.lock();
        try {
            if (holder instanceof Slot) {
                slots.empty((Slot<T>) holder);
            } else {
                oneOffs--;
                oneOffBytes -= ((OneOff<T>) holder).bytes;
            }
            dispatch();
        } finally {
            lock.unlock();
        }
    }

    /** Counts a buffer created on demand. */
    void allocated() {
        allocations.increment();
    }

    /** Records the size of a pooled buffer, the first time one is created. */
    void measured(long bytes) {
        if (slotBytes < 0) {
            slotBytes = bytes;
        }
    }

    /**
     * Reserves an empty slot to fill ahead of demand, while nobody waits, the budget allows and
     * fewer than {@code idleCap} buffers are idle.
     *
     * @return the slot, or {@code null}
     */
    Slot<T> reserveForFill(int idleCap) {
        lock.lock();
        try {
            boolean room = (gate & CLOSED) == 0 && waiters.isEmpty() && idle.size() < idleCap;
            return room && slots.empty() > 0 && fits(slotBytes) ? slots.reserve() : null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds {@code more} empty slots and serves the waiters they can serve.
     *
     * @throws IllegalArgumentException if {@code more} is below 1 or would pass the slot limit
     * @throws IllegalStateException if the pool is closed
     */
    void extend(int more) {
        lock.lock();
        try {
            checkOpen();
            int room = SlotStack.MAX_SLOTS - slots.size();
            if (more < 1 || more > room) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "count must be in [1, %d], the slots pool %s may still add: count=%d", room, engine.name(), more));
            }
            slots.add(more, engine);
            dispatch();
        } finally {
            lock.unlock();
        }
    }

    /**
     * One tick of shrinking, on a pool with a {@link ShrinkWindow}: retires the surplus slots that
     * have been available for the timeout. No waiter can be queued when any are due.
     *
     * @param now the time of the tick, read from the window's clock before the lock was taken
     * @return what was retired, or {@code null} if nothing
     */
    ShrinkWindow.Shrunk shrinkIdle(long now) {
        lock.lock();
        try {
            int before = slots.size();
            int due = (gate & CLOSED) != 0 ? 0 : window.observe(now, waiters.isEmpty() ? available() : 0, before);
            int dropped = slots.retire(due);
            int retired = before - slots.size();
            if (retired == 0) {
                return null;
            }
            window.shrunk(retired);
            trims.add(dropped);
            return new ShrinkWindow.Shrunk(retired, dropped, slots.size());
        } finally {
            lock.unlock();
        }
    }

    /** {@return how many idle buffers were dropped} */
    int trim() {
        lock.lock();
        try {
            int dropped = slots.drainIdle();
            trims.add(dropped);
            dispatch();
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** {@return {@code false} if the pool was closed already} */
    boolean close() {
        lock.lock();
        try {
            if ((gate & CLOSED) != 0) {
                return false;
            }
            gate |= CLOSED;
            slots.drainIdle();
            for (Waiter<T> waiter : waiters) {
                waiter.ready.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        if ((gate & CLOSED) != 0) {
            throw closed();
        }
    }

    private IllegalStateException closed() {
        return new IllegalStateException("pool " + engine.name() + " is closed");
    }

    /** {@return whether the pool is closed} */
    boolean isClosed() {
        return (gate & CLOSED) != 0;
    }

    /**
     * @return idle slots plus empty ones; exact when no other thread uses the pool, and never above
     *         the slot count (a sum of the stripes racing a slot's move between two can count it twice)
     */
    int available() {
        return Math.min(idle.size() + slots.empty(), slots.size());
    }

    /** {@return the slots, those taken back by shrinking not counted} */
    int size() {
        return slots.size();
    }

    /** {@return threads queued now} */
    int waiting() {
        return gate >>> 1;
    }

    /** {@return the bytes charged to the budget now, taken under the lock so it is exact} */
    long usedBytes() {
        lock.lock();
        try {
            return used();
        } finally {
            lock.unlock();
        }
    }

    /** {@return the budget, or {@link #NO_BUDGET}} */
    long budget() {
        return budget;
    }

    /**
     * The exception for an acquisition that gave up.
     *
     * @param capacity the capacity asked for
     * @param waitedNanos how long it waited
     * @param cause the interrupt, or {@code null} on timeout
     * @return the exception, naming the pool and its counts
     */
    PoolExhaustedException exhausted(int capacity, long waitedNanos, InterruptedException cause) {
        lock.lock();
        try {
            int idleNow = idle.size();
            String detail = String.format(Locale.ROOT, "available=%d, size=%d, waiting=%d",
                    idleNow + slots.empty(), slots.size(), waiters.size());
            if (budget != NO_BUDGET) {
                detail += String.format(Locale.ROOT, ", usedBytes=%d, memoryBudget=%d", used(), budget);
            }
            return new PoolExhaustedException(engine.name(), capacity, Duration.ofNanos(waitedNanos),
                    slots.created() - idleNow + oneOffs, detail, cause);
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param leaks the leaks the leak watch found, or {@code PoolStats.UNTRACKED}
     * @return the figures this pool tracks without touching its fast path
     */
    PoolStats stats(long leaks) {
        lock.lock();
        try {
            int idleNow = idle.size();
            long bytes = Math.max(0, slotBytes);
            long pooledOut = slots.created() - idleNow;
            return PoolStats.builder()
                    .allocations(allocations.sum())
                    .drops(drops.sum())
                    .trims(trims.sum())
                    .outstanding(pooledOut + oneOffs)
                    .outstandingBytes(pooledOut * bytes + oneOffBytes)
                    .idleBuffers(idleNow)
                    .idleBytes(idleNow * bytes)
                    .waits(waits.sum())
                    .timeouts(timeouts.sum())
                    .leaks(leaks)
                    .build();
        } finally {
            lock.unlock();
        }
    }
}
