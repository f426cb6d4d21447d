package dev.bufpool.bounded;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import java.time.Duration;

/**
 * A bounded pool of one buffer, whose lease the state holds when the race starts: one actor gives it
 * back while the other waits for it. Used through the public API only.
 */
final class OneBuffer {

    static final int CAPACITY = 16;

    final BoundedBufferPool<byte[]> pool = BoundedBufferPool.builder(BufferTypes.BYTE_ARRAY)
            .name("jcstress")
            .maxBuffers(1)
            .bufferCapacity(CAPACITY)
            .maxWait(Duration.ofSeconds(5))
            .build();
    /** The lease out when the race starts; closed by the releasing actor. */
    final Lease<byte[]> held = pool.acquire(CAPACITY);

    /**
     * The books after the race, then the pool's state once the waiter's lease (if any) is closed:
     * {@code available() + out == size()}, and, on an open pool, nobody left queued and the buffer
     * acquirable again.
     *
     * @param got what the waiter got, or {@code null}
     * @param closed whether an actor closed the pool
     * @return {@code "ok"}, {@code "lost"} (a buffer neither out nor available), {@code "duplicated"}
     *         (more out and available than the pool has), or {@code "stranded"} (the buffer is back
     *         but cannot be acquired: a waiter left in the queue, or the gate left set)
     */
    String books(Lease<byte[]> got, boolean closed) {
        int out = got != null ? 1 : 0;
        int accounted = pool.available() + out;
        if (accounted != pool.size()) {
            return accounted < pool.size() ? "lost" : "duplicated";
        }
        if (got != null) {
            got.close();
        }
        if (pool.available() != pool.size()) {
            return "lost";
        }
        if (closed) {
            return "ok";
        }
        Lease<byte[]> again = pool.waiting() == 0 ? pool.tryAcquire(CAPACITY) : null;
        if (again == null) {
            return "stranded";
        }
        again.close();
        return "ok";
    }

    /** {@return {@code "waited"} if the waiter queued, else {@code "no-wait"}} */
    String waited() {
        return pool.stats().waits() > 0 ? "waited" : "no-wait";
    }
}
