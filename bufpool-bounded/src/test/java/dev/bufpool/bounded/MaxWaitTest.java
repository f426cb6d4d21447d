package dev.bufpool.bounded;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolExhaustedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The waits end on time: never before the limit, and not long after it. The upper margin is
 * generous (two seconds) so that a loaded machine cannot fail a correct pool; a wait that a
 * wakeup restarted, or that missed its deadline, overshoots it by far more.
 */
class MaxWaitTest {

    private static final Duration MAX_WAIT = Duration.ofMillis(150);
    private static final Duration MARGIN = Duration.ofSeconds(2);

    @Test
    void acquireWaitsMaxWaitAndNotMuchLonger() {
        try (BoundedBufferPool<byte[]> pool = BoundedBufferPool.builder(BufferTypes.BYTE_ARRAY).maxBuffers(1)
                .bufferCapacity(8).maxWait(MAX_WAIT).build()) {
            pool.acquire(8); // the only buffer, out until the pool closes
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                PoolExhaustedException e = assertThrows(PoolExhaustedException.class, () -> pool.acquire(8));
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                assertWithin(elapsed, MAX_WAIT);
                assertTrue(e.waited().compareTo(MAX_WAIT) >= 0, () -> "reported " + e.waited());
            }
        }
    }

    @Test
    void aTimedTryAcquireWaitsItsTimeoutWhileOtherWaitersComeAndGo() throws InterruptedException {
        try (BoundedBufferPool<byte[]> pool = BoundedBufferPool.builder(BufferTypes.BYTE_ARRAY).maxBuffers(1)
                .bufferCapacity(8).maxWait(Duration.ofMillis(1)).build()) {
            pool.acquire(8); // the only buffer, out until the pool closes
            // Short waiters behind this one time out and leave the queue while it waits: each
            // departure runs the queue again, which must not end or restart this wait.
            Thread churn = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    assertThrows(PoolExhaustedException.class, () -> pool.acquire(8));
                }
            });
            long start = System.nanoTime();
            churn.start();
            assertNull(pool.tryAcquire(8, MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertWithin(Duration.ofNanos(System.nanoTime() - start), MAX_WAIT);
            churn.join(TimeUnit.SECONDS.toMillis(Poll.BOUND_SECONDS));
        }
    }

    private static void assertWithin(Duration elapsed, Duration limit) {
        assertTrue(elapsed.compareTo(limit) >= 0, () -> "gave up after " + elapsed + ", before " + limit);
        assertTrue(elapsed.compareTo(limit.plus(MARGIN)) <= 0, () -> "gave up after " + elapsed + ", limit " + limit);
    }
}
