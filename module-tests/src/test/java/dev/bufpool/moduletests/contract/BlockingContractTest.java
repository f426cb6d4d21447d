package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolExhaustedException;
import dev.bufpool.PoolFeature;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;

/** A bounded pool with none free: {@code tryAcquire} gives null, {@code acquire} waits, then gives up. */
class BlockingContractTest {

    private static final Duration SHORT_WAIT = Duration.ofMillis(50);

    /** A pool of two buffers of 1024 bytes: {@code provider} is bounded. */
    private static BufferPool<byte[]> twoBuffers(BufferPoolProvider provider, Duration maxWait) {
        var spec = FittedSpec.builder(provider, BufferTypes.BYTE_ARRAY, 1024, 2).name("two-buffers");
        if (provider.features().contains(PoolFeature.BLOCKING)) {
            spec.maxWait(maxWait);
        }
        return provider.create(spec.build());
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = PoolFeature.BOUNDED)
    void tryAcquireGivesNullWhenABoundedPoolHasNoneFree(BufferPoolProvider provider) throws InterruptedException {
        try (BufferPool<byte[]> pool = twoBuffers(provider, SHORT_WAIT)) {
            Lease<byte[]> first = pool.acquire(100);
            Lease<byte[]> second = pool.acquire(100);
            assertNull(pool.tryAcquire(100));
            assertNull(pool.tryAcquire(100, 20, TimeUnit.MILLISECONDS));
            assertNull(pool.tryAcquire(100, 0, TimeUnit.MILLISECONDS));
            assertNull(pool.tryAcquire(100, -1, TimeUnit.MILLISECONDS));
            first.close();
            try (Lease<byte[]> again = pool.tryAcquire(100)) {
                assertNotNull(again, "tryAcquire after a buffer came back");
            }
            second.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = {PoolFeature.BOUNDED, PoolFeature.BLOCKING})
    void anExhaustedPoolWaitsItsMaxWaitThenThrowsNamingThePoolTheSizeAndTheLeasesOut(BufferPoolProvider provider) {
        try (BufferPool<byte[]> pool = twoBuffers(provider, SHORT_WAIT)) {
            Lease<byte[]> first = pool.acquire(100);
            Lease<byte[]> second = pool.acquire(100);
            PoolExhaustedException e = assertThrows(PoolExhaustedException.class, () -> pool.acquire(100));
            assertEquals("two-buffers", e.poolName());
            assertEquals(100, e.requestedCapacity());
            assertEquals(2, e.outstanding());
            assertTrue(e.waited().compareTo(SHORT_WAIT) >= 0, () -> "gave up before maxWait: " + e.waited());
            assertTrue(e.getMessage().contains("two-buffers") && e.getMessage().contains("100")
                    && e.getMessage().contains("outstanding=2"), e::getMessage);
            first.close();
            second.close();
            try (Lease<byte[]> again = pool.acquire(100)) {
                assertTrue(again.capacity() >= 100, "the pool works after exhaustion");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = {PoolFeature.BOUNDED, PoolFeature.BLOCKING})
    void aWaiterGetsTheBufferAnotherThreadGivesBack(BufferPoolProvider provider) throws InterruptedException {
        try (BufferPool<byte[]> pool = twoBuffers(provider, FittedSpec.MAX_WAIT)) {
            Lease<byte[]> first = pool.acquire(100);
            Lease<byte[]> second = pool.acquire(100);
            Waiter waiter = Waiter.start(() -> pool.acquire(100));
            waiter.awaitWaiting();
            first.close();
            Waiter.Result got = waiter.result();
            assertNull(got.thrown(), "the waiter failed");
            assertTrue(got.lease().capacity() >= 100);
            got.lease().close();
            Waiter timed = Waiter.start(() -> pool.tryAcquire(100, 30, TimeUnit.SECONDS));
            timed.awaitWaiting();
            second.close();
            assertNotNull(timed.result().lease(), "a timed waiter got nothing");
            timed.result().lease().close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = {PoolFeature.BOUNDED, PoolFeature.BLOCKING})
    void anInterruptWhileWaitingRestoresTheFlagAndThrowsWithTheInterruptAsCause(BufferPoolProvider provider)
            throws InterruptedException {
        try (BufferPool<byte[]> pool = twoBuffers(provider, FittedSpec.MAX_WAIT)) {
            Lease<byte[]> first = pool.acquire(100);
            Lease<byte[]> second = pool.acquire(100);
            Waiter waiter = Waiter.start(() -> pool.acquire(100));
            waiter.awaitWaiting();
            waiter.interrupt();
            Waiter.Result result = waiter.result();
            PoolExhaustedException e = assertInstanceOf(PoolExhaustedException.class, result.thrown());
            assertInstanceOf(InterruptedException.class, e.getCause());
            assertTrue(result.interruptedAfter(), "the interrupt flag was not restored");

            Waiter timed = Waiter.start(() -> pool.tryAcquire(100, 30, TimeUnit.SECONDS));
            timed.awaitWaiting();
            timed.interrupt();
            assertInstanceOf(InterruptedException.class, timed.result().thrown());
            first.close();
            second.close();
            assertFalse(Thread.currentThread().isInterrupted());
        }
    }
}
