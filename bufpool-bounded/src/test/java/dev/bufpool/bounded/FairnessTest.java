package dev.bufpool.bounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Waiters are served first come, first served, and nobody passes them. */
class FairnessTest {

    private static final int WAITERS = 6;

    private static BoundedBufferPool<byte[]> oneBuffer() {
        return BoundedBufferPool.builder(BufferTypes.BYTE_ARRAY).name("one").maxBuffers(1).bufferCapacity(64)
                .maxWait(Duration.ofSeconds(Poll.BOUND_SECONDS)).build();
    }

    @Test
    void waitersAreServedInTheOrderTheyArrived() {
        try (BoundedBufferPool<byte[]> pool = oneBuffer()) {
            Lease<byte[]> current = pool.acquire(64);
            ConcurrentLinkedQueue<String> served = new ConcurrentLinkedQueue<>();
            List<Acquirer<byte[]>> waiters = new ArrayList<>();
            for (int i = 0; i < WAITERS; i++) {
                int queued = i + 1;
                // Alternate the two waiting methods: they share one queue.
                waiters.add(Acquirer.start("w" + i, i % 2 == 0 ? () -> pool.acquire(64)
                        : () -> pool.tryAcquire(64, Poll.BOUND_SECONDS, TimeUnit.SECONDS), a -> served.add(a.name())));
                Poll.until(() -> pool.waiting() == queued, () -> queued + " queued, " + pool);
            }
            for (int i = 0; i < WAITERS; i++) {
                int turn = i + 1;
                current.close();
                Poll.until(() -> served.size() == turn, () -> "waiter " + turn + " served, served " + served);
                Acquirer<byte[]> expected = waiters.get(i);
                assertEquals(expected.name(), List.copyOf(served).get(i), () -> "served " + served);
                assertNotNull(expected.lease(), expected::name);
                current = expected.lease();
            }
            current.close();
            assertEquals(0, pool.waiting());
            assertEquals(1, pool.available());
        }
    }

    @Test
    void aBufferReleasedWhileOthersWaitGoesToTheFirstWaiterNotToANewArrival() throws InterruptedException {
        try (BoundedBufferPool<byte[]> pool = oneBuffer()) {
            Lease<byte[]> held = pool.acquire(64);
            Acquirer<byte[]> waiter = Acquirer.queue(pool, "waiter", () -> pool.acquire(64));
            assertNull(pool.tryAcquire(64), "a new arrival passed a waiter");
            held.close();
            // The release hands the buffer to the waiter before close() returns.
            assertNull(pool.tryAcquire(64), "a new arrival took the released buffer from a waiter");
            assertNull(pool.tryAcquire(64, 0, TimeUnit.SECONDS));
            assertNotNull(waiter.join().lease());
            waiter.lease().close();
            try (Lease<byte[]> free = pool.tryAcquire(64)) {
                assertNotNull(free, "with nobody waiting, tryAcquire takes the idle buffer");
            }
        }
    }

    @Test
    void aWaiterThatGivesUpLetsTheOnesBehindItBeServed() throws InterruptedException {
        try (BoundedBufferPool<byte[]> pool = oneBuffer()) {
            Lease<byte[]> held = pool.acquire(64);
            Acquirer<byte[]> first = Acquirer.queue(pool, "first", () -> pool.tryAcquire(64, Poll.BOUND_SECONDS, TimeUnit.SECONDS));
            Acquirer<byte[]> second = Acquirer.queue(pool, "second", () -> pool.acquire(64));
            first.interrupt();
            first.join();
            assertEquals(1, pool.waiting());
            held.close();
            assertNotNull(second.join().lease());
            second.lease().close();
            assertEquals(1, pool.available());
        }
    }
}
