package dev.bufpool.bounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Everything out and idle stays within the budget; one-off buffers are charged while out. */
class MemoryBudgetTest {

    private static BoundedBufferPool<byte[]> twoKilobytes(int buffers) {
        return BoundedBufferPool.builder(BufferTypes.BYTE_ARRAY).name("budget").maxBuffers(buffers)
                .bufferCapacity(1024).memoryBudget(2048).maxWait(Duration.ofSeconds(Poll.BOUND_SECONDS)).build();
    }

    @Test
    void aOneOffIsChargedFromAcquireToCloseAndIsNeverPooled() {
        try (BoundedBufferPool<byte[]> pool = BoundedBufferPool.builder(BufferTypes.BYTE_ARRAY).maxBuffers(1)
                .bufferCapacity(1024).memoryBudget(4096).build()) {
            assertEquals(OptionalLong.of(4096), pool.memoryBudget());
            Lease<byte[]> big = pool.acquire(3000);
            assertEquals(3000, big.capacity());
            assertEquals(1024 + 3000, pool.usedBytes());
            assertEquals(1, pool.stats().outstanding());
            assertNull(pool.tryAcquire(1100), "100 bytes left, not 1100");
            big.close();
            assertEquals(1024, pool.usedBytes());
            assertEquals(0, pool.stats().outstanding());
            assertEquals(1, pool.stats().idleBuffers(), "the one-off was not pooled");
        }
    }

    @Test
    void theLargestRequestIsTheWholeBudget() {
        try (BoundedBufferPool<byte[]> pool = BoundedBufferPool.builder(BufferTypes.BYTE_ARRAY).maxBuffers(1)
                .bufferCapacity(1024).memoryBudget(4096).build()) {
            assertEquals(4096, pool.largestRequest());
            Lease<byte[]> whole = pool.acquire(4096);
            assertEquals(4096, pool.usedBytes(), "the idle buffer was dropped to make room");
            assertEquals(1, pool.available(), "its slot is empty, not lost");
            whole.close();
            try (Lease<byte[]> pooled = pool.acquire(1024)) {
                assertEquals(1024, pooled.capacity());
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.acquire(4097));
            assertTrue(e.getMessage().contains("minCapacity must be in [0, 4096]"), e::getMessage);
        }
    }

    @Test
    void aOneOffWaitsForBudgetAndIdleBuffersAreDroppedOnlyWhenThatMakesEnoughRoom() throws InterruptedException {
        try (BoundedBufferPool<byte[]> pool = twoKilobytes(2)) {
            Lease<byte[]> first = pool.acquire(1024);
            Lease<byte[]> second = pool.acquire(1024);
            Acquirer<byte[]> big = Acquirer.queue(pool, "big", () -> pool.acquire(1500));
            first.close();
            assertEquals(1, pool.stats().idleBuffers(), "one idle buffer does not make 1500 bytes: kept");
            assertFalse(big.done());
            second.close();
            assertNotNull(big.join().lease());
            assertEquals(1500, pool.usedBytes());
            assertEquals(0, pool.stats().idleBuffers());
            big.lease().close();
            assertEquals(0, pool.usedBytes());
            assertEquals(2, pool.available());
        }
    }

    @Test
    void aPooledRequestBehindAWaitingOneOffWaitsItsTurn() throws InterruptedException {
        try (BoundedBufferPool<byte[]> pool = twoKilobytes(2)) {
            Lease<byte[]> first = pool.acquire(1024);
            Lease<byte[]> second = pool.acquire(1024);
            Acquirer<byte[]> big = Acquirer.queue(pool, "big", () -> pool.acquire(2048));
            Acquirer<byte[]> small = Acquirer.queue(pool, "small", () -> pool.acquire(10));
            first.close();
            assertFalse(small.done(), "the small request passed the big one");
            second.close();
            assertNotNull(big.join().lease());
            assertEquals(2048, pool.usedBytes());
            assertFalse(small.done());
            big.lease().close();
            assertNotNull(small.join().lease());
            small.lease().close();
            assertTrue(pool.usedBytes() <= 2048);
            assertEquals(2, pool.available());
        }
    }

    @Test
    void maxBuffersDefaultsToWhatTheBudgetHolds() {
        try (BoundedBufferPool<ByteBuffer> pool = BoundedBufferPool.builder(BufferTypes.HEAP_BYTE_BUFFER)
                .bufferCapacity(1000).memoryBudget(10_500).build()) {
            assertEquals(10, pool.size());
            assertEquals(10_000, pool.usedBytes());
        }
    }

    @Test
    void slotsBeyondTheBudgetStayEmptyUntilBudgetIsFree() {
        try (BoundedBufferPool<float[]> pool = BoundedBufferPool.builder(BufferTypes.FLOAT_ARRAY).maxBuffers(4)
                .bufferCapacity(256).memoryBudget(2048).build()) {
            assertEquals(2, pool.stats().idleBuffers(), "two buffers of 1024 bytes fit");
            Lease<float[]> a = pool.acquire(256);
            Lease<float[]> b = pool.acquire(256);
            assertNull(pool.tryAcquire(256), "a third buffer would pass the budget");
            assertEquals(2048, pool.usedBytes());
            a.close();
            b.close();
        }
    }

    @Test
    void requestsBelowOneOffBelowGetExactOneOffs() {
        try (BoundedBufferPool<byte[]> pool = BoundedBufferPool.builder(BufferTypes.BYTE_ARRAY).maxBuffers(2)
                .bufferCapacity(1024).memoryBudget(4096).oneOffBelow(512).build()) {
            try (Lease<byte[]> small = pool.acquire(100); Lease<byte[]> pooled = pool.acquire(512)) {
                assertEquals(100, small.capacity());
                assertEquals(1024, pooled.capacity());
                assertEquals(2048 + 100, pool.usedBytes());
            }
            assertEquals(2048, pool.usedBytes());
        }
    }
}
