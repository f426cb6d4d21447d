package dev.bufpool.bounded.internal;

import dev.bufpool.BufferType;
import dev.bufpool.Lease;
import dev.bufpool.PoolExhaustedException;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolStats;
import dev.bufpool.core.LeakWatch;
import dev.bufpool.core.PooledLease;
import dev.bufpool.core.Threads;
import dev.bufpool.core.TrimTimer;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded pool's machinery: the lock-free fast paths over the idle {@link SlotStack}, and the
 * creation of buffers outside any lock; the waiting, the budget and the books are the
 * {@link Ledger}'s.
 *
 * <p><b>Acquire, fast path</b> (a pooled-size request while {@link Ledger#gate} is {@code 0}: open,
 * nobody queued): one CAS pop of an idle slot. <b>Slow path</b> (stack empty, waiters queued, a
 * one-off request, or the pool closed): the ledger serves or queues the request under its lock;
 * a slot with no buffer, or a one-off, comes back reserved, and its buffer is created here, after
 * the lock is released; if creation fails the reservation is given back before the failure
 * propagates. Either way the lease is made at one site, from a {@link Holder}, so that the JIT can
 * remove it when the caller's try-with-resources does not let it escape.
 *
 * <p><b>Release:</b> reset, then one CAS push (refused at the idle cap, when the buffer is
 * dropped instead), then one volatile read of the gate; only when the gate is set does it take
 * the ledger lock, to hand the buffer to the head waiter or drain a closed pool. A reset that
 * fails drops the buffer and frees its slot, to be filled on demand.
 *
 * <p><b>Shrinking</b> (with {@code idleTimeout}): a tick, run by a {@link TrimTimer} every quarter
 * of {@code min(idleTimeout, 1 s)} and, with a clock from the spec, at the start of {@link #stats()}, reads the clock outside
 * any lock, then hands over to {@link Ledger#shrinkIdle}; the fast paths know nothing of it. The
 * timer holds the engine weakly and runs a static method, so a pool dropped unclosed can still be
 * collected; {@link #close()} cancels it.
 *
 * @param <T> the buffer class
 */
public final class BoundedEngine<T> {

    /** What the bounded pool can do. */
    public static final Set<PoolFeature> FEATURES = Collections.unmodifiableSet(
            EnumSet.of(PoolFeature.BOUNDED, PoolFeature.BLOCKING, PoolFeature.SHARING, PoolFeature.IDLE_TRIM,
                    PoolFeature.LEAK_DETECTION));

    private static final Logger LOG = LoggerFactory.getLogger(BoundedEngine.class);

    private final String name;
    private final BufferType<T> type;
    private final BoundedSettings settings;
    private final int bufferCapacity;
    private final int oneOffBelow;
    private final int idleCap;
    private final long maxWaitNanos;
    private final long slotBytes;
    private final int largestRequest;
    private final SlotStack<T> idle = new SlotStack<>();
    private final Ledger<T> ledger;
    /** The shrinking policy and its timer; both {@code null} without {@code idleTimeout}. */
    private final ShrinkWindow window;
    private final TrimTimer<BoundedEngine<T>> timer;
    /**
     * Leak detection; {@code null} when off. A leaked lease's slot comes back empty, its budget
     * freed, and a waiter is served with a new buffer: the leaked one may still be in use.
     */
    private final LeakWatch leakWatch;

    /**
     * Creates the pool and its first buffers.
     *
     * @param name the pool's name
     * @param type the buffer type
     * @param settings the settings
     * @throws IllegalArgumentException if the memory budget does not fit the buffers' size
     * @throws RuntimeException whatever the buffer type's {@code allocate} throws
     */
    public BoundedEngine(String name, BufferType<T> type, BoundedSettings settings) {
        this.name = name;
        this.type = type;
        this.settings = settings;
        this.bufferCapacity = settings.bufferCapacity();
        this.oneOffBelow = settings.oneOffBelow();
        this.maxWaitNanos = settings.maxWaitNanos();
        T first = settings.createsFirstBuffer() ? create(bufferCapacity) : null;
        long bytes = first == null ? -1 : type.sizeInBytes(first);
        settings.checkBudget(bytes, type.name());
        this.slotBytes = bytes;
        this.idleCap = settings.idleCap(bytes);
        this.largestRequest = settings.largestRequest(bytes);
        int slots = settings.initialSlots(bytes);
        int buffers = settings.initialBuffers(slots, bytes);
        long timeout = settings.idleTimeoutNanos();
        this.window = timeout == 0 ? null : new ShrinkWindow(settings.clock().orElse(null), timeout, slots);
        this.ledger = new Ledger<>(this, idle, settings.memoryBudget().orElse(Ledger.NO_BUDGET), bytes, window);
        ledger.extend(slots);
        if (first != null && buffers > 0) {
            Slot<T> slot = ledger.reserveForFill(idleCap);
            slot.buffer = first;
            keep(slot);
            buffers--;
        }
        fill(buffers);
        // Last: the timer's thread may run a tick at once, and must find the engine whole.
        this.leakWatch = LeakWatch.of(name, settings.leakDetection(), BoundedEngine::takeBack);
        this.timer = window == null ? null : TrimTimer.start(this, BoundedEngine::tick, window.tickNanos());
    }

    /**
     * @param minCapacity the capacity wanted
     * @return a lease
     * @throws PoolExhaustedException after waiting {@code maxWait}, or when interrupted
     */
    public Lease<T> acquire(int minCapacity) {
        Holder<T> holder = fastTake(minCapacity);
        if (holder == null) {
            holder = slowAcquire(minCapacity);
        }
        return lease(holder, minCapacity);
    }

    /**
     * @param minCapacity the capacity wanted
     * @return a lease, or {@code null} if none can be had now without passing a waiter
     */
    public Lease<T> tryAcquire(int minCapacity) {
        Holder<T> holder = fastTake(minCapacity);
        if (holder == null) {
            holder = ledger.takeNow(minCapacity, isPooled(minCapacity), chargeFor(minCapacity));
            holder = holder == null ? null : materialize(holder, true);
        }
        return holder == null ? null : lease(holder, minCapacity);
    }

    /**
     * @param minCapacity the capacity wanted
     * @param nanos the longest wait
     * @return a lease, or {@code null} on timeout
     * @throws InterruptedException if interrupted while waiting
     */
    public Lease<T> tryAcquire(int minCapacity, long nanos) throws InterruptedException {
        Threads.checkInterruptOnEntry(name);
        Holder<T> holder = fastTake(minCapacity);
        if (holder == null) {
            holder = slowTake(minCapacity, nanos);
        }
        return holder == null ? null : lease(holder, minCapacity);
    }

    private Holder<T> fastTake(int minCapacity) {
        if (isPooled(minCapacity)) {
            return ledger.gate == 0 ? idle.pop() : null;
        }
        checkCapacity(minCapacity);
        return null;
    }

    private boolean isPooled(int minCapacity) {
        return minCapacity >= oneOffBelow && minCapacity <= bufferCapacity;
    }

    private long chargeFor(int minCapacity) {
        return isPooled(minCapacity) ? slotBytes : settings.bytesFor(minCapacity, slotBytes);
    }

    private Holder<T> slowTake(int minCapacity, long nanos) throws InterruptedException {
        Holder<T> holder = ledger.take(minCapacity, isPooled(minCapacity), chargeFor(minCapacity), nanos);
        return holder == null ? null : materialize(holder, true);
    }

    private Holder<T> slowAcquire(int minCapacity) {
        long start = System.nanoTime();
        try {
            Holder<T> holder = slowTake(minCapacity, maxWaitNanos);
            if (holder != null) {
                return holder;
            }
            throw ledger.exhausted(minCapacity, System.nanoTime() - start, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ledger.exhausted(minCapacity, System.nanoTime() - start, e);
        }
    }

    private Lease<T> lease(Holder<T> holder, int minCapacity) {
        T prepared;
        try {
            prepared = type.prepare(holder.buffer, minCapacity);
        } catch (RuntimeException | Error e) {
            holder.discard();
            throw e;
        }
        LeakWatch.Witness witness = LeakWatch.witness(leakWatch, holder, prepared, holder);
        return new PooledLease<>(holder, prepared, null, null, witness);
    }

    /** Creates the buffer of a reserved holder that has none; gives the reservation back on failure. */
    private Holder<T> materialize(Holder<T> holder, boolean onDemand) {
        if (holder.buffer != null) {
            return holder;
        }
        T buffer;
        try {
            buffer = create(holder.capacityToCreate());
            if (holder instanceof Slot) {
                ledger.measured(type.sizeInBytes(buffer));
            }
        } catch (RuntimeException | Error e) {
            ledger.abandon(holder);
            throw e;
        }
        holder.buffer = buffer;
        if (onDemand) {
            ledger.allocated();
        }
        return holder;
    }

    private T create(int capacity) {
        T buffer = type.allocate(capacity);
        if (buffer == null) {
            throw new IllegalStateException("buffer type " + type.name() + " allocated null");
        }
        int actual = type.capacity(buffer);
        if (actual < capacity) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "buffer type %s allocated a buffer of capacity %d when asked for %d", type.name(), actual, capacity));
        }
        return buffer;
    }

    /** Creates buffers for empty slots, up to {@code count}, while nobody waits and room remains. */
    private int fill(int count) {
        int filled = 0;
        while (filled < count) {
            Slot<T> slot = ledger.reserveForFill(idleCap);
            if (slot == null) {
                break;
            }
            materialize(slot, false);
            keep(slot);
            filled++;
        }
        return filled;
    }

    /** A buffer comes back to the pool: {@link Slot#recycle}. */
    void releasePooled(Slot<T> slot, T returned) {
        try {
            type.reset(returned);
        } catch (RuntimeException e) {
            LOG.warn("pool {}: dropped a buffer whose reset failed; its slot gets a new buffer on demand", name, e);
            ledger.drop(slot);
            return;
        } catch (Error e) {
            ledger.drop(slot);
            throw e;
        }
        keep(slot);
    }

    private void keep(Slot<T> slot) {
        if (!idle.push(slot, idleCap)) {
            ledger.drop(slot);
        } else if (ledger.gate != 0) {
            ledger.afterRelease();
        }
    }

    /**
     * @param count slots to add
     * @return the number of slots now
     * @throws IllegalArgumentException if {@code count} is out of range
     * @throws IllegalStateException if the pool is closed
     */
    public int grow(int count) {
        ledger.extend(count);
        int created = fill(count);
        LOG.debug("pool {}: grew by {} slots, {} filled at once", name, count, created);
        return ledger.size();
    }

    /** The timer's work: a static method, so that the timer holds no strong reference to the engine. */
    private static void tick(BoundedEngine<?> engine) {
        engine.shrinkIdle();
    }

    /** Runs one shrinking tick; logs a shrink at DEBUG. */
    private void shrinkIdle() {
        ShrinkWindow.Shrunk shrunk = ledger.shrinkIdle(window.now());
        if (shrunk != null) {
            LOG.debug("pool {}: shrank by {} slots unused for idleTimeout {} ms, dropping {} idle buffers; {} slots now",
                    name, shrunk.slots(), window.timeoutNanos() / 1_000_000, shrunk.buffers(), shrunk.size());
        }
    }

    /** A leaked lease's holder: discarded, so its slot or budget comes back. */
    private static void takeBack(Object holder) {
        ((Holder<?>) holder).discard();
    }

    /** {@return whether a shrinking tick is waiting in the JDK's scheduler; for tests} */
    public boolean trimScheduled() {
        return timer != null && timer.isScheduled();
    }

    /** Drops every idle buffer; their slots get new buffers on demand. */
    public void trim() {
        int dropped = ledger.trim();
        LOG.debug("pool {}: trimmed {} idle buffers", name, dropped);
    }

    /** Closes the pool: idle buffers are dropped, waiters fail, releases are dropped from now on. */
    public void close() {
        if (timer != null) {
            timer.cancel();
        }
        if (leakWatch != null) {
            leakWatch.close();
        }
        if (ledger.close()) {
            LOG.debug("pool {} closed", name);
        }
    }

    private void checkCapacity(int minCapacity) {
        if (minCapacity < 0 || minCapacity > largestRequest) {
            String what = largestRequest == bufferCapacity ? "the bufferCapacity" : "the largest request the memoryBudget holds";
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "minCapacity must be in [0, %d], %s of pool %s: minCapacity=%d",
                    largestRequest, what, name, minCapacity));
        }
    }

    Ledger<T> ledger() {
        return ledger;
    }

    int bufferCapacity() {
        return bufferCapacity;
    }

    /** {@return the pool's name} */
    public String name() {
        return name;
    }

    /** {@return the buffer type} */
    public BufferType<T> type() {
        return type;
    }

    /** {@return the settings in force} */
    public BoundedSettings settings() {
        return settings;
    }

    /** {@return the largest capacity a request may ask for} */
    public int largestRequest() {
        return largestRequest;
    }

    /** {@return slots idle or empty} */
    public int available() {
        return ledger.available();
    }

    /** {@return all slots, those taken back by shrinking not counted; runs no shrinking} */
    public int size() {
        return ledger.size();
    }

    /** {@return threads queued} */
    public int waiting() {
        return ledger.waiting();
    }

    /** {@return bytes charged to the budget now} */
    public long usedBytes() {
        return ledger.usedBytes();
    }

    /** {@return the budget, or {@code Long.MAX_VALUE} if none} */
    public long memoryBudget() {
        return ledger.budget();
    }

    /** {@return whether the pool is closed} */
    public boolean isClosed() {
        return ledger.isClosed();
    }

    /**
     * @return the figures tracked off the fast path; with shrinking on a clock the spec gave, after
     *         a shrinking tick (on real time the timer alone runs them, as in the other pools)
     */
    public PoolStats stats() {
        if (window != null && settings.clock().isPresent()) {
            shrinkIdle();
        }
        if (leakWatch == null) {
            return ledger.stats(PoolStats.UNTRACKED);
        }
        leakWatch.drain();
        return ledger.stats(leakWatch.leaks());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "BoundedBufferPool[%s, %s, bufferCapacity=%d, size=%d, available=%d, waiting=%d, maxWait=%s%s]",
                name, type.name(), bufferCapacity, size(), available(), waiting(), settings.maxWait(),
                ledger.budget() == Ledger.NO_BUDGET ? "" : ", memoryBudget=" + ledger.budget());
    }
}
