package dev.bufpool.moduletests.contract;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferType;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import dev.bufpool.SharedBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A deliberately simple pool (one lock, one deque) that can be given one fault, so the contract kit
 * can be shown to pass a sound pool and to fail a broken one. Not a provider: it is never
 * discovered, and the kit's tests reach it only through {@link FaultyProvider}.
 */
final class FaultyPool<T> implements BufferPool<T> {

    /** The one thing this pool gets wrong. */
    enum Fault {
        /** None: a sound pool. */
        NONE,
        /** Every close of a lease puts its buffer back, the second one too. */
        CLOSE_NOT_IDEMPOTENT,
        /** An idle buffer stays idle when handed out, so a held buffer goes to the next holder too. */
        HANDS_OUT_HELD,
        /** Buffers go out as the last holder left them: no reset, no prepare. */
        NOT_CLEARED,
        /** Returned buffers are dropped: nothing is ever reused. */
        NEVER_REUSES
    }

    private final BufferType<T> type;
    private final Fault fault;
    private final ArrayDeque<T> idle = new ArrayDeque<>();
    private boolean closed;

    FaultyPool(BufferType<T> type, Fault fault) {
        this.type = type;
        this.fault = fault;
    }

    @Override
    public synchronized Lease<T> acquire(int minCapacity) {
        if (closed) {
            throw new IllegalStateException("pool closed");
        }
        if (minCapacity < 0) {
            throw new IllegalArgumentException("minCapacity must be >= 0: minCapacity=" + minCapacity);
        }
        T buffer = null;
        for (Iterator<T> it = idle.iterator(); it.hasNext() && buffer == null;) {
            T candidate = it.next();
            if (type.capacity(candidate) >= minCapacity) {
                buffer = candidate;
                if (fault != Fault.HANDS_OUT_HELD) {
                    it.remove();
                }
            }
        }
        if (buffer == null) {
            buffer = type.allocate(minCapacity);
        }
        return new FaultyLease(fault == Fault.NOT_CLEARED ? buffer : type.prepare(buffer, minCapacity));
    }

    @Override
    public Lease<T> tryAcquire(int minCapacity) {
        return acquire(minCapacity);
    }

    @Override
    public Lease<T> tryAcquire(int minCapacity, long timeout, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        return acquire(minCapacity);
    }

    private synchronized void giveBack(T buffer) {
        if (fault != Fault.NOT_CLEARED) {
            type.reset(buffer);
        }
        if (!closed && fault != Fault.NEVER_REUSES) {
            idle.push(buffer);
        }
    }

    @Override
    public String name() {
        return "faulty-" + fault;
    }

    @Override
    public BufferType<T> type() {
        return type;
    }

    @Override
    public synchronized PoolStats stats() {
        return PoolStats.idleOnly(idle.size(), idle.stream().mapToLong(type::sizeInBytes).sum());
    }

    @Override
    public synchronized void trim() {
        idle.clear();
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.clear();
    }

    private final class FaultyLease implements Lease<T> {
        private final T buffer;
        private final AtomicBoolean closed = new AtomicBoolean();

        FaultyLease(T buffer) {
            this.buffer = buffer;
        }

        @Override
        public T buffer() {
            if (closed.get()) {
                throw new IllegalStateException("lease closed");
            }
            return buffer;
        }

        @Override
        public int capacity() {
            return type.capacity(buffer);
        }

        @Override
        public SharedBuffer<T> share() {
            throw new UnsupportedOperationException("no sharing");
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true) || fault == Fault.CLOSE_NOT_IDEMPOTENT) {
                giveBack(buffer);
            }
        }
    }
}
