package dev.bufpool.core;

import dev.bufpool.SharedBuffer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One holder's handle on a shared buffer.
 *
 * <p>All handles of one buffer share a {@link Holders} count, which starts at 1 when the lease is
 * shared. {@link #retain()} increments it (legal only through an open handle, so the count is
 * {@code >= 1} and the buffer cannot have been recycled); {@link #close()} first flips this
 * handle's own {@code closed} flag with a CAS, so that a handle releases its hold at most once,
 * then decrements. The decrement that reaches zero recycles the buffer, exactly once. Every
 * holder's reads happen-before the recycle through the count's volatile read-modify-writes; the
 * sharer's writes happen-before every holder's reads because handles are published after
 * construction from the sharer's thread (through whatever hand-off the caller uses).
 *
 * @param <T> the buffer class
 */
final class SharedHandle<T> implements SharedBuffer<T> {

    private static final VarHandle CLOSED = Handles.field(MethodHandles.lookup(), SharedHandle.class, "closed", boolean.class);

    /** The state all handles of one buffer share. */
    private static final class Holders<T> extends AtomicInteger {
        private static final long serialVersionUID = 1L;
        final transient Recycler<T> pool;
        final transient T buffer;

        Holders(Recycler<T> pool, T buffer) {
            super(1);
            this.pool = pool;
            this.buffer = buffer;
        }
    }

    private final Holders<T> holders;
    private final T view;
    @SuppressWarnings("unused") // accessed through CLOSED
    private volatile boolean closed;

    private SharedHandle(Holders<T> holders, T view) {
        this.holders = holders;
        this.view = view;
    }

    static <T> SharedHandle<T> first(Recycler<T> pool, T buffer) {
        return new SharedHandle<>(new Holders<>(pool, buffer), pool.type().readOnlyView(buffer));
    }

    @Override
    public T buffer() {
        if (closed) {
            throw new IllegalStateException("buffer() on a closed shared buffer of pool " + holders.pool.name());
        }
        return view;
    }

    @Override
    public int capacity() {
        return holders.pool.type().capacity(holders.buffer);
    }

    @Override
    public SharedBuffer<T> retain() {
        if (closed) {
            throw new IllegalStateException("retain() on a closed shared buffer of pool " + holders.pool.name());
        }
        holders.incrementAndGet();
        // A view of the buffer itself, not of this handle's view: each holder starts at the position
        // and limit the buffer had when shared, wherever this holder has read to.
        return new SharedHandle<>(holders, holders.pool.type().readOnlyView(holders.buffer));
    }

    @Override
    public void close() {
        if (CLOSED.compareAndSet(this, false, true) && holders.decrementAndGet() == 0) {
            holders.pool.recycle(holders.buffer);
        }
    }

    @Override
    public String toString() {
        return "SharedBuffer[" + holders.pool.name() + ", holders=" + holders.get() + (closed ? ", closed]" : "]");
    }
}
