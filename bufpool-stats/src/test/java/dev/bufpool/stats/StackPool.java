package dev.bufpool.stats;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferType;
import dev.bufpool.Lease;
import dev.bufpool.PoolExhaustedException;
import dev.bufpool.PoolStats;
import dev.bufpool.SharedBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A third-party pool as another vendor might write it against the API alone: one lock, a stack of
 * idle buffers, an optional bound with blocking acquisition, and sharing. It tracks allocations,
 * reuses and the idle figures, and nothing else.
 */
public final class StackPool<T> implements BufferPool<T> {

    private final String name;
    private final BufferType<T> type;
    private final int maxBuffers;
    private final Duration maxWait;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition returned = lock.newCondition();
    private final ArrayDeque<T> idle = new ArrayDeque<>();
    private int out;
    private int waiting;
    private long allocations;
    private long reuses;
    private boolean closed;
    private int closes;

    /** An unbounded pool. */
    public StackPool(String name, BufferType<T> type) {
        this(name, type, Integer.MAX_VALUE, Duration.ZERO);
    }

    /** A pool of at most {@code maxBuffers} buffers out, whose {@code acquire} waits {@code maxWait}. */
    public StackPool(String name, BufferType<T> type, int maxBuffers, Duration maxWait) {
        this.name = name;
        this.type = type;
        this.maxBuffers = maxBuffers;
        this.maxWait = maxWait;
    }

    @Override
    public Lease<T> acquire(int minCapacity) {
        try {
            Lease<T> lease = take(minCapacity, maxWait.toNanos());
            if (lease == null) {
                throw new PoolExhaustedException(name, minCapacity, maxWait, outstanding(), "", null);
            }
            return lease;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PoolExhaustedException(name, minCapacity, maxWait, outstanding(), "", e);
        }
    }

    @Override
    public Lease<T> tryAcquire(int minCapacity) {
        lock.lock();
        try {
            return takeNow(minCapacity);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Lease<T> tryAcquire(int minCapacity, long timeout, TimeUnit unit) throws InterruptedException {
        return take(minCapacity, unit.toNanos(timeout));
    }

    private Lease<T> take(int minCapacity, long nanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            Lease<T> lease = takeNow(minCapacity);
            waiting++;
            try {
                while (lease == null && nanos > 0) {
                    nanos = returned.awaitNanos(nanos);
                    lease = takeNow(minCapacity);
                }
            } finally {
                waiting--;
            }
            return lease;
        } finally {
            lock.unlock();
        }
    }

    private Lease<T> takeNow(int minCapacity) {
        if (closed) {
            throw new IllegalStateException("pool " + name + " is closed");
        }
        if (minCapacity < 0) {
            throw new IllegalArgumentException("minCapacity must be >= 0: minCapacity=" + minCapacity);
        }
        if (out >= maxBuffers) {
            return null;
        }
        for (Iterator<T> it = idle.iterator(); it.hasNext();) {
            T buffer = it.next();
            if (type.capacity(buffer) >= minCapacity) {
                it.remove();
                reuses++;
                out++;
                return new StackLease(type.prepare(buffer, minCapacity));
            }
        }
        allocations++;
        out++;
        return new StackLease(type.prepare(type.allocate(minCapacity), minCapacity));
    }

    private void giveBack(T buffer) {
        lock.lock();
        try {
            out--;
            if (!closed) {
                type.reset(buffer);
                idle.push(buffer);
            }
            returned.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return threads blocked in an acquisition now */
    public int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /** @return how often {@link #close()} was called */
    public int closes() {
        lock.lock();
        try {
            return closes;
        } finally {
            lock.unlock();
        }
    }

    private int outstanding() {
        lock.lock();
        try {
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BufferType<T> type() {
        return type;
    }

    @Override
    public PoolStats stats() {
        lock.lock();
        try {
            long bytes = idle.stream().mapToLong(type::sizeInBytes).sum();
            return PoolStats.builder().allocations(allocations).reuses(reuses).idleBuffers(idle.size())
                    .idleBytes(bytes).build();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void trim() {
        lock.lock();
        try {
            idle.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closes++;
            closed = true;
            idle.clear();
        } finally {
            lock.unlock();
        }
    }

    private final class StackLease implements Lease<T> {
        private final int capacity;
        private T buffer;
        private boolean shared;

        StackLease(T buffer) {
            this.buffer = buffer;
            this.capacity = type.capacity(buffer);
        }

        @Override
        public T buffer() {
            if (buffer == null) {
                throw new IllegalStateException("lease of " + name + " is closed");
            }
            return buffer;
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public SharedBuffer<T> share() {
            T held = buffer();
            buffer = null;
            shared = true;
            return new Handle(held, new AtomicInteger(1));
        }

        @Override
        public void close() {
            if (buffer != null && !shared) {
                T held = buffer;
                buffer = null;
                giveBack(held);
            }
        }
    }

    private final class Handle implements SharedBuffer<T> {
        private final T buffer;
        private final AtomicInteger holders;
        private boolean closed;

        Handle(T buffer, AtomicInteger holders) {
            this.buffer = buffer;
            this.holders = holders;
        }

        @Override
        public T buffer() {
            if (closed) {
                throw new IllegalStateException("shared buffer of " + name + " is closed");
            }
            return type.readOnlyView(buffer);
        }

        @Override
        public int capacity() {
            return type.capacity(buffer);
        }

        @Override
        public SharedBuffer<T> retain() {
            buffer();
            holders.incrementAndGet();
            return new Handle(buffer, holders);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (holders.decrementAndGet() == 0) {
                    giveBack(buffer);
                }
            }
        }
    }
}
