package dev.bufpool.stats.internal;

import dev.bufpool.SharedBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One handle of a shared buffer of a decorated pool: every call goes to the wrapped handle. The
 * handles made from one lease share a {@link Holders} count, so the release is counted once, when
 * the last handle closes, just as the wrapped pool gets its buffer back then.
 *
 * <p>Each handle has one holder (the {@link SharedBuffer} contract), so its closed flag is plain;
 * the holder count is atomic because handles close on any threads.
 *
 * @param <T> the buffer class
 */
final class CountedSharedBuffer<T> implements SharedBuffer<T> {

    private final SharedBuffer<T> shared;
    private final Holders holders;
    private boolean closed;

    CountedSharedBuffer(SharedBuffer<T> shared, long bytes, Recorder recorder) {
        this(shared, new Holders(bytes, recorder));
    }

    private CountedSharedBuffer(SharedBuffer<T> shared, Holders holders) {
        this.shared = shared;
        this.holders = holders;
    }

    @Override
    public T buffer() {
        try {
            return shared.buffer();
        } catch (RuntimeException | Error e) {
            holders.recorder.failed();
            throw e;
        }
    }

    @Override
    public int capacity() {
        return shared.capacity();
    }

    @Override
    public SharedBuffer<T> retain() {
        SharedBuffer<T> handle;
        try {
            handle = shared.retain();
        } catch (RuntimeException | Error e) {
            holders.recorder.failed();
            throw e;
        }
        // This handle is open, so the count is at least one and cannot reach zero meanwhile.
        holders.count.incrementAndGet();
        return new CountedSharedBuffer<>(handle, holders);
    }

    @Override
    public void close() {
        if (closed) {
            holders.recorder.doubleReleased();
            return;
        }
        closed = true;
        // Counted before the wrapped handle closes: the last close gives the buffer back to the pool,
        // and a sum must never count it out together with its next holder's acquisition.
        holders.release();
        try {
            shared.close();
        } catch (RuntimeException | Error e) {
            holders.recorder.failed();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "counted " + shared;
    }

    /** The open handles of one shared buffer, and what to count when the last one closes. */
    private static final class Holders {
        final AtomicInteger count = new AtomicInteger(1);
        final long bytes;
        final Recorder recorder;

        Holders(long bytes, Recorder recorder) {
            this.bytes = bytes;
            this.recorder = recorder;
        }

        void release() {
            if (count.decrementAndGet() == 0) {
                recorder.released(bytes);
            }
        }
    }
}
