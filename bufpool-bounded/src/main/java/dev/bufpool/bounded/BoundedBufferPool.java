package dev.bufpool.bounded;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferType;
import dev.bufpool.Lease;
import dev.bufpool.PoolExhaustedException;
import dev.bufpool.PoolSpec;
import dev.bufpool.PoolStats;
import dev.bufpool.bounded.internal.BoundedEngine;
import dev.bufpool.bounded.internal.BoundedSettings;
import dev.bufpool.bounded.internal.ObjectType;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A bounded pool: a fixed set of {@code maxBuffers} buffers of {@code bufferCapacity}, created in
 * advance, that {@code acquire} waits for when all are out, for frame buffers and other large
 * buffers whose allocation per use is too expensive and whose stall must be bounded.
 *
 * <p><b>Acquire</b> takes an idle buffer at once if one is free and nobody is waiting; otherwise
 * it queues and waits up to {@code maxWait}, then throws {@link PoolExhaustedException}.
 * {@link #tryAcquire(int)} never waits; {@link #tryAcquire(int, long, TimeUnit)} waits up to its
 * timeout and returns {@code null} then. <b>Fairness:</b> waiters are served first come, first
 * served; a thread that arrives while others wait queues behind them, and {@code tryAcquire(int)}
 * then returns {@code null} rather than pass them. A buffer given back while threads wait goes
 * straight to the longest waiter: if that waiter's timeout expires at the same instant, it still
 * gets the buffer. Waiting parks the thread with {@link java.util.concurrent.locks.Condition}s,
 * never a monitor or a spin, so a virtual thread waits without pinning its carrier.
 *
 * <p><b>Memory budget</b> (optional): the bytes of all buffers, out and idle, never exceed it. A
 * request larger than {@code bufferCapacity}, or smaller than {@link Builder#oneOffBelow}, is then
 * served by a one-off buffer of its exact size, charged to the budget while its lease is out and
 * released from it when the lease is closed (the buffer itself is left to the garbage collector);
 * it waits for budget in the same queue, and idle pooled buffers are dropped to make room when
 * that makes enough. Without a budget, requests above {@code bufferCapacity} are refused.
 *
 * <p><b>Retention:</b> a returned buffer is reset by the buffer type and kept idle, unless the idle
 * cap is reached or its capacity is above {@code trimCapacity}; then it is dropped and its slot gets
 * a new buffer on demand. A buffer whose reset fails is dropped the same way, and a factory that
 * fails gives its slot back: the pool stays whole. The idle cap is {@code maxIdleBuffers} and, with
 * {@code maxIdleBytes}, at most as many buffers as fit in that many bytes ({@code 0} keeps none).
 * Every pooled buffer has the same size, so the byte bound is an exact count, enforced by the same
 * single CAS as {@code maxIdleBuffers}: that is why this pool honours {@code maxIdleBytes} rather
 * than refuse it. It bounds idle buffers only; {@code memoryBudget} bounds idle and leased ones
 * together. A pool with {@code maxIdleBytes} above 0 creates one buffer at construction, like one
 * with a budget, to learn its size.
 *
 * <p><b>Shrinking back after {@link #grow}</b> (with {@code idleTimeout}): the slots that
 * {@code grow} added above the initial size (the slots the pool was built with) are taken back once
 * they have gone unused for {@code idleTimeout}, down to the initial size, never below it. A slot is
 * unused while it is available: its buffer idle, or dropped (by {@link #trim}, the idle cap or a
 * failed reset). Leased slots are never taken, and an idle one is taken off the idle stack exactly
 * as an acquirer takes it, so a buffer is never both handed out and dropped. Empty slots go first,
 * then idle ones, whose buffers are dropped (no reference kept) and counted in
 * {@link PoolStats#trims}; each shrink logs one DEBUG line. Afterwards the pool is a pool of its
 * smaller size: {@link #size}, {@link #available}, the budget charged, the waiters' order and the
 * figures count only the slots left, and a later {@code grow} adds slots again.
 *
 * <p><b>When it shrinks.</b> Acquire and release take no part: the pool learns how long slots went
 * unused from ticks, run every quarter of the trim period {@code min(idleTimeout, 1 s)} on the JDK's
 * shared delay scheduler (no thread of the pool's own) and, when the spec gave a {@code clock}, at
 * the start of every {@link #stats()} call. A tick counts the available slots (none while a thread waits); between ticks, a request
 * that finds no idle buffer counts as a moment when only the empty slots were available. Time is the
 * spec's {@code clock} if one was given, else {@link System#nanoTime()}. The guarantee: the pool
 * shrinks by {@code k} slots only once at least {@code k} surplus slots were seen available at every
 * tick and every such request for at least {@code idleTimeout}, so never sooner than
 * {@code idleTimeout} as far as the ticks observe (a burst that leases the surplus and gives it back
 * between two ticks, with no request finding the pool out of idle buffers, is not seen); and once
 * {@code k} surplus slots stay available, it shrinks by them no later than {@code idleTimeout} plus
 * one trim period, as long as the JDK's timer runs on time. {@link #close()} cancels the timer; the
 * timer holds the pool weakly, so a pool dropped without {@code close()} is still collected.
 *
 * <p><b>Thread safety:</b> all methods are thread-safe. Acquiring an idle buffer and closing its
 * lease take no lock and allocate nothing once the JIT has inlined them; using the buffer takes
 * no lock at all. Waiting, one-off buffers, growing, shrinking and the figures take one lock.
 *
 * <p>Settings left unset default to: {@code bufferCapacity} 65,536 elements; {@code maxBuffers}
 * as many buffers as the {@code memoryBudget} holds, or 16 without a budget; {@code maxWait} 30
 * seconds; {@code preallocate} every buffer the slots, the idle cap and the budget allow; no idle
 * bytes bound; no shrinking without {@code idleTimeout} ({@code clock} alone changes nothing). A pool
 * with a budget creates one buffer at construction even with {@code preallocate} 0, to learn its
 * size in bytes; every buffer of {@code bufferCapacity} is taken to have that size.
 *
 * @param <T> the buffer class
 */
public final class BoundedBufferPool<T> implements BufferPool<T> {

    /** The provider name under which {@link dev.bufpool.BufferPools} finds this pool. */
    public static final String PROVIDER_NAME = "bounded";

    private final BoundedEngine<T> engine;

    private BoundedBufferPool(BoundedEngine<T> engine) {
        this.engine = engine;
    }

    /**
     * Starts a builder for a pool of {@code type}.
     *
     * @param type the buffer type
     * @param <T> the buffer class
     * @return a new builder
     */
    public static <T> Builder<T> builder(BufferType<T> type) {
        return new Builder<>(type, false);
    }

    /**
     * Starts a builder for a pool of the caller's own objects, such as frames with metadata. Each
     * object counts as capacity 1: acquire with {@code 1} (or {@code 0}); {@code bufferCapacity}
     * is 1. Shared holders get the object itself, which they must not change.
     *
     * @param factory makes a new object; called at construction and to fill a slot on demand
     * @param reset makes a returned object ready for its next holder; if it throws, the object is
     *        dropped and its slot gets a new one on demand
     * @param bytesEach the memory one object holds, for the memory budget; {@code >= 0}
     * @param <T> the object class
     * @return a new builder
     * @throws IllegalArgumentException if {@code bytesEach} is negative
     */
    public static <T> Builder<T> forObjects(Supplier<? extends T> factory, Consumer<? super T> reset, long bytesEach) {
        return new Builder<>(new ObjectType<T>(factory, reset, bytesEach), true).bufferCapacity(1);
    }

    /**
     * Creates a pool from a spec, as the {@code "bounded"} provider does.
     *
     * @param spec the spec
     * @param <T> the buffer class
     * @return a new open pool with its buffers created
     * @throws IllegalArgumentException if the spec has a setting this pool cannot honour (such as
     *         {@code zeroOnRelease} or {@code shards}), a budget that cannot hold one buffer or the
     *         preallocated ones, or a {@code preallocate} above what {@code maxIdleBytes} keeps idle
     */
    public static <T> BoundedBufferPool<T> create(PoolSpec<T> spec) {
        return create(spec, 0, false);
    }

    private static <T> BoundedBufferPool<T> create(PoolSpec<T> spec, int oneOffBelow, boolean objects) {
        Objects.requireNonNull(spec, "spec");
        spec.checkHonouredBy(PROVIDER_NAME, BoundedEngine.FEATURES);
        BoundedSettings settings = BoundedSettings.of(spec, oneOffBelow, objects);
        return new BoundedBufferPool<>(new BoundedEngine<>(spec.name(), spec.type(), settings));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Waits up to {@code maxWait}, in FIFO turn, when no buffer (or no budget) is free. An
     * interrupt is observed only while waiting.
     *
     * @throws IllegalArgumentException if {@code minCapacity} is negative or above
     *         {@link #largestRequest()}
     * @throws PoolExhaustedException if nothing was free within {@code maxWait}, or the thread was
     *         interrupted while waiting (the flag is then set again and the cause is the
     *         {@link InterruptedException})
     * @throws IllegalStateException if the pool is closed, or closes while the caller waits
     */
    @Override
    public Lease<T> acquire(int minCapacity) {
        return engine.acquire(minCapacity);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns {@code null} also when other threads are waiting: it does not pass them.
     */
    @Override
    public Lease<T> tryAcquire(int minCapacity) {
        return engine.tryAcquire(minCapacity);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Waits in FIFO turn with the threads in {@link #acquire}; does not use {@code maxWait}.
     * A buffer granted at the instant of an interrupt is returned, with the interrupt flag set.
     *
     * @throws IllegalStateException if the pool is closed, or closes while the caller waits
     */
    @Override
    public Lease<T> tryAcquire(int minCapacity, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        return engine.tryAcquire(minCapacity, unit.toNanos(timeout));
    }

    /**
     * The buffers that can be acquired now: idle ones plus slots whose buffer is created on demand
     * (as the memory budget allows). Exact when no other thread uses the pool, approximate while
     * they do.
     *
     * @return the slots not leased out
     */
    public int available() {
        return engine.available();
    }

    /**
     * The number of pooled buffers the pool may have out at once: {@code maxBuffers} plus what
     * {@link #grow} added, less what shrinking took back. Runs no shrinking itself.
     *
     * @return the slots
     */
    public int size() {
        return engine.size();
    }

    /**
     * The threads queued for a buffer or budget now.
     *
     * @return the queue length
     */
    public int waiting() {
        return engine.waiting();
    }

    /**
     * Adds {@code count} slots at run time and serves the waiters they can serve; then creates
     * buffers for those left, as far as the memory budget and the idle cap allow (the others are
     * created on demand). With {@code idleTimeout}, slots above the initial size are taken back once
     * they go unused that long (see the class description).
     *
     * @param count how many slots to add, at least 1; the pool has at most 1,048,576
     * @return the number of slots now
     * @throws IllegalArgumentException if {@code count} is below 1 or would pass the limit
     * @throws IllegalStateException if the pool is closed
     * @throws RuntimeException whatever the buffer type's {@code allocate} throws; the slots are
     *         added all the same and filled on demand
     */
    public int grow(int count) {
        return engine.grow(count);
    }

    /**
     * The bytes of every buffer out, idle or being created, as charged to the memory budget; never
     * above {@link #memoryBudget()}. Exact: taken under the pool's lock.
     *
     * @return the bytes in use
     */
    public long usedBytes() {
        return engine.usedBytes();
    }

    /** {@return the memory budget in bytes, if one was set} */
    public OptionalLong memoryBudget() {
        long budget = engine.memoryBudget();
        return budget == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(budget);
    }

    /** {@return the capacity of the pooled buffers} */
    public int bufferCapacity() {
        return engine.settings().bufferCapacity();
    }

    /**
     * The largest request this pool serves.
     *
     * @return the largest capacity a request may ask for: {@code bufferCapacity}, or with a memory
     *         budget the largest one-off buffer it holds
     */
    public int largestRequest() {
        return engine.largestRequest();
    }

    /** {@return how long {@link #acquire} waits} */
    public Duration maxWait() {
        return engine.settings().maxWait();
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public BufferType<T> type() {
        return engine.type();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Tracks allocations (on demand and one-off), drops, trims (by {@link #trim} and by
     * shrinking), outstanding leases and bytes, idle buffers and bytes, waits and timeouts;
     * acquisitions, releases, reuses, the peak and leaks read {@link PoolStats#UNTRACKED}, as
     * counting them would cost the fast path (decorate the pool with {@code "stats"} for them).
     * With {@code idleTimeout} and a {@code clock} in the spec, runs a shrinking tick first, so that
     * a test driving that clock sees due shrinking at once; on real time the timer alone does.
     *
     * @throws RuntimeException whatever the spec's {@code clock} throws, with {@code idleTimeout}
     */
    @Override
    public PoolStats stats() {
        return engine.stats();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Drops every idle buffer; the slots stay and get new buffers on demand.
     */
    @Override
    public void trim() {
        engine.trim();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Threads waiting get an {@link IllegalStateException}. The shrinking timer, if any, is
     * cancelled: nothing of the pool stays scheduled.
     */
    @Override
    public void close() {
        engine.close();
    }

    /** {@return whether a shrinking tick of this pool is waiting in the JDK's scheduler; for tests} */
    boolean trimScheduled() {
        return engine.trimScheduled();
    }

    @Override
    public String toString() {
        return engine.toString();
    }

    /**
     * Builds a {@link BoundedBufferPool}. Every value is checked by {@link #build()}, which names
     * the setting, the value and what is allowed.
     *
     * <p><b>Thread safety:</b> not thread-safe; confine a builder to one thread.
     *
     * @param <T> the buffer class
     */
    public static final class Builder<T> {
        private final PoolSpec.Builder<T> spec;
        private final boolean objects;
        private int oneOffBelow;

        private Builder(BufferType<T> type, boolean objects) {
            this.spec = PoolSpec.builder(type).provider(PROVIDER_NAME);
            this.objects = objects;
        }

        /**
         * Sets the pool's name.
         *
         * @param name the pool's name, for messages and logs; not blank
         * @return this builder
         */
        public Builder<T> name(String name) {
            spec.name(name);
            return this;
        }

        /**
         * Sets how many pooled buffers there may be, out and idle together.
         *
         * @param count the slots, each for one buffer of {@code bufferCapacity}, in [1, 1048576];
         *        as many as the memory budget holds if not set, or 16 without a budget
         * @return this builder
         */
        public Builder<T> maxBuffers(int count) {
            spec.maxBuffers(count);
            return this;
        }

        /**
         * Sets the capacity of the pooled buffers.
         *
         * @param capacity the capacity of every pooled buffer, in [1, 2147483639]; 65,536 if not set
         * @return this builder
         */
        public Builder<T> bufferCapacity(int capacity) {
            spec.bufferCapacity(capacity);
            return this;
        }

        /**
         * Sets how long {@code acquire} waits for a buffer before it gives up.
         *
         * @param wait the longest {@code acquire} waits, {@code >= 0}; 30 seconds if not set
         * @return this builder
         */
        public Builder<T> maxWait(Duration wait) {
            spec.maxWait(wait);
            return this;
        }

        /**
         * Sets the memory budget: the bytes the pool may hold, out and idle.
         *
         * @param bytes the most bytes out and idle together, {@code >= 1} and at least one buffer
         * @return this builder
         */
        public Builder<T> memoryBudget(long bytes) {
            spec.memoryBudget(bytes);
            return this;
        }

        /**
         * Sets how many buffers are created with the pool.
         *
         * @param count buffers to create at construction, in [0, maxBuffers]; the rest are created
         *        on demand
         * @return this builder
         */
        public Builder<T> preallocate(int count) {
            spec.preallocate(count);
            return this;
        }

        /**
         * Sets how many buffers the pool keeps idle at most.
         *
         * @param count the most buffers kept idle, in [0, 1048576]; returned buffers above it are
         *        dropped and re-created on demand
         * @return this builder
         */
        public Builder<T> maxIdleBuffers(int count) {
            spec.maxIdleBuffers(count);
            return this;
        }

        /**
         * Serves requests of fewer than {@code capacity} elements with a one-off buffer of their
         * exact size charged to the memory budget, instead of tying up a pooled buffer; needs a
         * memory budget.
         *
         * @param capacity in [0, bufferCapacity]; 0, the default, serves every request up to
         *        {@code bufferCapacity} from the pooled buffers
         * @return this builder
         */
        public Builder<T> oneOffBelow(int capacity) {
            oneOffBelow = capacity;
            return this;
        }

        /**
         * Builds the pool from the settings given.
         *
         * @return a new open pool with its buffers created
         * @throws IllegalArgumentException naming the first setting out of range or missing, its
         *         value and what is allowed
         */
        public BoundedBufferPool<T> build() {
            return create(spec.build(), oneOffBelow, objects);
        }
    }
}
