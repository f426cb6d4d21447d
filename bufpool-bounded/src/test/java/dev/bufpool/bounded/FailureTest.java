package dev.bufpool.bounded;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.Lease;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A failing factory, reset or preparation leaves the pool whole: no slot lost, no waiter stuck. */
class FailureTest {

    private final FlakyType type = new FlakyType();

    private BoundedBufferPool<byte[]> pool(int buffers, int preallocate) {
        return BoundedBufferPool.builder(type).name("flaky").maxBuffers(buffers).bufferCapacity(32)
                .preallocate(preallocate).maxWait(Duration.ofSeconds(Poll.BOUND_SECONDS)).build();
    }

    private static void assertWhole(BoundedBufferPool<byte[]> pool) {
        assertEquals(pool.size(), pool.available(), pool::toString);
        assertEquals(0, pool.waiting(), pool::toString);
        assertEquals(0, pool.stats().outstanding(), pool::toString);
    }

    @Test
    void aFailingFactoryGivesItsSlotBack() {
        try (BoundedBufferPool<byte[]> pool = pool(2, 0)) {
            type.allocateFailures.set(1);
            assertThrows(FlakyType.Failure.class, () -> pool.acquire(32));
            assertWhole(pool);
            assertEquals(0, pool.usedBytes());
            try (Lease<byte[]> lease = pool.acquire(32); Lease<byte[]> other = pool.acquire(32)) {
                assertNotSame(lease.buffer(), other.buffer());
            }
            assertWhole(pool);
        }
    }

    @Test
    void aWaiterWhoseBufferCannotBeCreatedFailsAndTheNextWaiterIsServed() throws InterruptedException {
        try (BoundedBufferPool<byte[]> pool = pool(1, 1)) {
            Lease<byte[]> held = pool.acquire(32);
            Acquirer<byte[]> first = Acquirer.queue(pool, "first", () -> pool.acquire(32));
            Acquirer<byte[]> second = Acquirer.queue(pool, "second", () -> pool.acquire(32));
            // The held buffer's reset fails: it is dropped, and its slot goes to the first waiter,
            // which must create a buffer, and the factory fails once.
            type.resetFailures.set(1);
            type.allocateFailures.set(1);
            assertDoesNotThrow(held::close);
            assertInstanceOf(FlakyType.Failure.class, first.join().thrown());
            assertNotNull(second.join().lease(), "the second waiter got the slot given back");
            second.lease().close();
            assertWhole(pool);
        }
    }

    @Test
    void aFailingResetDropsTheBufferAndItsSlotTakesANewOne() {
        try (BoundedBufferPool<byte[]> pool = pool(1, 1)) {
            Lease<byte[]> lease = pool.acquire(32);
            byte[] old = lease.buffer();
            type.resetFailures.set(1);
            assertDoesNotThrow(lease::close);
            assertWhole(pool);
            assertEquals(1, pool.stats().drops());
            try (Lease<byte[]> next = pool.acquire(32)) {
                assertNotSame(old, next.buffer(), "a buffer whose reset failed came back");
            }
            assertWhole(pool);
        }
    }

    @Test
    void anErrorFromResetStillLeavesThePoolWhole() {
        BoundedBufferPool<byte[]> pool = BoundedBufferPool.forObjects(() -> new byte[4], buffer -> {
            if (buffer[0] == 1) {
                throw new AssertionError("reset refused");
            }
        }, 4).maxBuffers(1).build();
        try (pool) {
            Lease<byte[]> lease = pool.acquire(1);
            lease.buffer()[0] = 1;
            assertThrows(AssertionError.class, lease::close);
            assertWhole(pool);
            try (Lease<byte[]> next = pool.acquire(1)) {
                assertEquals(0, next.buffer()[0]);
            }
        }
    }

    @Test
    void aFailingPreparationGivesTheSlotBack() {
        try (BoundedBufferPool<byte[]> pool = pool(1, 1)) {
            type.prepareFailures.set(1);
            assertThrows(FlakyType.Failure.class, () -> pool.acquire(32));
            assertWhole(pool);
            try (Lease<byte[]> lease = pool.acquire(32)) {
                assertEquals(32, lease.capacity());
            }
        }
    }

    @Test
    void aBufferTypeThatAllocatesTooLittleIsRefusedAndThePoolStaysWhole() {
        try (BoundedBufferPool<byte[]> pool = pool(1, 0)) {
            type.shortBuffers = true;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.acquire(32));
            assertTrue(e.getMessage().contains("capacity 31") && e.getMessage().contains("32"), e::getMessage);
            assertWhole(pool);
            type.shortBuffers = false;
            pool.acquire(32).close();
            assertWhole(pool);
        }
    }

    @Test
    void aFailingFactoryWhileGrowingLeavesTheNewSlotsToFillOnDemand() {
        try (BoundedBufferPool<byte[]> pool = pool(1, 1)) {
            type.allocateFailures.set(1);
            assertThrows(FlakyType.Failure.class, () -> pool.grow(2));
            assertEquals(3, pool.size());
            assertWhole(pool);
            try (Lease<byte[]> a = pool.acquire(32); Lease<byte[]> b = pool.acquire(32); Lease<byte[]> c = pool.acquire(32)) {
                assertNotSame(a.buffer(), b.buffer());
                assertNotSame(b.buffer(), c.buffer());
            }
            assertWhole(pool);
        }
    }

    @Test
    void aFactoryFailingAtConstructionFailsTheBuild() {
        type.allocateFailures.set(1);
        FlakyType.Failure e = assertThrows(FlakyType.Failure.class, () -> pool(1, 1));
        assertSame(FlakyType.Failure.class, e.getClass());
    }
}
