package dev.bufpool.bounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolSpec;
import dev.bufpool.PoolStats;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A pool that grew shrinks back to its initial size once the surplus went unused for idleTimeout.
 * Time is a {@link FakeClock} that {@code stats()} ticks on; the pool's timer ticks on the same clock
 * in the background, which can only add ticks at the clock's current time, so every assertion below
 * holds whether or not a background tick ran in between.
 */
class ShrinkAfterGrowTest {

    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final int BYTES = 1024;

    private final FakeClock clock = new FakeClock();

    private BoundedBufferPool<byte[]> pool(int initial) {
        return BoundedBufferPool.create(PoolSpec.builder(BufferTypes.BYTE_ARRAY).name("shrinking").maxBuffers(initial)
                .bufferCapacity(BYTES).memoryBudget(16 * BYTES).maxWait(Duration.ofSeconds(Poll.BOUND_SECONDS))
                .idleTimeout(IDLE).clock(clock).build());
    }

    /** Runs a tick at the clock's time now, then moves the clock on by {@code step}. */
    private PoolStats tickThenAdvance(BoundedBufferPool<byte[]> pool, Duration step) {
        PoolStats stats = pool.stats();
        clock.advance(step);
        return stats;
    }

    private static List<Lease<byte[]>> lease(BoundedBufferPool<byte[]> pool, int count) {
        List<Lease<byte[]>> leases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leases.add(pool.acquire(BYTES));
        }
        return leases;
    }

    @Test
    void aGrownPoolIdlePastIdleTimeoutShrinksBackAndThenWorksAsAPoolOfItsInitialSize() throws InterruptedException {
        try (BoundedBufferPool<byte[]> pool = pool(2)) {
            assertEquals(4, pool.grow(2));
            assertEquals(4 * BYTES, pool.usedBytes());
            tickThenAdvance(pool, IDLE.minusMillis(1));
            assertEquals(0, pool.stats().trims());
            assertEquals(4, pool.size(), "not before idleTimeout");
            clock.advance(Duration.ofMillis(1));
            PoolStats shrunk = pool.stats();
            assertEquals(2, pool.size());
            assertEquals(2, shrunk.trims(), "the two surplus buffers");
            assertEquals(2, shrunk.idleBuffers());
            assertEquals(2 * BYTES, shrunk.idleBytes());
            assertEquals(0, shrunk.outstanding());
            assertEquals(2, pool.available());
            assertEquals(2 * BYTES, pool.usedBytes(), "the dropped buffers' bytes are back in the budget");

            List<Lease<byte[]>> two = lease(pool, 2);
            assertEquals(0, pool.available());
            assertNull(pool.tryAcquire(BYTES), "two slots, both out");
            Acquirer<byte[]> first = Acquirer.queue(pool, "first", () -> pool.acquire(BYTES));
            Acquirer<byte[]> second = Acquirer.queue(pool, "second", () -> pool.acquire(BYTES));
            two.get(0).close();
            assertNotNull(first.join().lease(), "the first waiter is served first");
            assertFalse(second.done());
            two.get(1).close();
            assertNotNull(second.join().lease());
            first.lease().close();
            second.lease().close();
            assertEquals(2, pool.available());

            clock.advance(IDLE.multipliedBy(100));
            PoolStats later = pool.stats();
            assertEquals(2, pool.size(), "never below the initial size");
            assertEquals(2, later.trims());
        }
    }

    @Test
    void aGrownPoolWhoseBuffersAreAllLeasedNeverShrinks() {
        try (BoundedBufferPool<byte[]> pool = pool(2)) {
            pool.grow(2);
            List<Lease<byte[]>> all = lease(pool, 4);
            for (int i = 0; i < 50; i++) {
                tickThenAdvance(pool, IDLE);
            }
            PoolStats stats = pool.stats();
            assertEquals(4, pool.size());
            assertEquals(0, stats.trims());
            assertEquals(4, stats.outstanding());
            all.forEach(Lease::close);
            tickThenAdvance(pool, IDLE);
            pool.stats();
            assertEquals(2, pool.size(), "idleTimeout after the leases came back");
        }
    }

    @Test
    void whileSomeOfTheSurplusIsLeasedOnlyTheIdleBuffersAreDropped() {
        try (BoundedBufferPool<byte[]> pool = pool(2)) {
            pool.grow(3);
            List<Lease<byte[]>> four = lease(pool, 4);
            Set<byte[]> leased = Collections.newSetFromMap(new IdentityHashMap<>());
            four.forEach(l -> leased.add(l.buffer()));
            tickThenAdvance(pool, IDLE);
            PoolStats shrunk = pool.stats();
            assertEquals(4, pool.size(), "one of the three surplus slots was idle");
            assertEquals(1, shrunk.trims());
            assertEquals(4, shrunk.outstanding());
            assertEquals(0, pool.available());
            assertEquals(4 * BYTES, pool.usedBytes());

            four.forEach(Lease::close);
            assertEquals(4, pool.size());
            assertEquals(4, pool.available());
            assertEquals(4, pool.stats().idleBuffers());
            List<Lease<byte[]>> again = lease(pool, 4);
            again.forEach(l -> assertTrue(leased.contains(l.buffer()), "the leased buffers were kept"));
            assertNull(pool.tryAcquire(BYTES));
            again.forEach(Lease::close);

            tickThenAdvance(pool, IDLE);
            PoolStats last = pool.stats();
            assertEquals(2, pool.size());
            assertEquals(3, last.trims());
            assertEquals(2 * BYTES, pool.usedBytes());
        }
    }

    @Test
    void leasingTheWholeSurplusAcrossATickRestartsTheWindow() {
        try (BoundedBufferPool<byte[]> pool = pool(2)) {
            pool.grow(2);
            tickThenAdvance(pool, Duration.ofSeconds(6));
            List<Lease<byte[]>> all = lease(pool, 4);
            pool.stats();
            all.forEach(Lease::close);
            tickThenAdvance(pool, Duration.ofSeconds(4));
            pool.stats();
            assertEquals(4, pool.size(), "idleTimeout after the first tick, but not after the leases");
            clock.advance(Duration.ofSeconds(6).minusMillis(1));
            pool.stats();
            assertEquals(4, pool.size());
            clock.advance(Duration.ofMillis(1));
            pool.stats();
            assertEquals(2, pool.size(), "idleTimeout after the leases came back");
        }
    }

    @Test
    void aBurstBetweenTwoTicksThatFindsThePoolEmptyRestartsTheWindow() {
        try (BoundedBufferPool<byte[]> pool = pool(2)) {
            pool.grow(2);
            tickThenAdvance(pool, Duration.ofSeconds(6));
            List<Lease<byte[]>> all = lease(pool, 4);
            assertNull(pool.tryAcquire(BYTES), "the request that finds no idle buffer is what the pool sees");
            all.forEach(Lease::close);
            tickThenAdvance(pool, Duration.ofSeconds(4));
            pool.stats();
            assertEquals(4, pool.size(), "the burst was seen although no tick ran during it");
            clock.advance(Duration.ofSeconds(6));
            pool.stats();
            assertEquals(2, pool.size());
        }
    }

    @Test
    void aDipThatLeavesPartOfTheSurplusAvailableDelaysOnlyTheRest() {
        try (BoundedBufferPool<byte[]> pool = pool(2)) {
            pool.grow(2);
            tickThenAdvance(pool, Duration.ofSeconds(6));
            List<Lease<byte[]>> three = lease(pool, 3);
            pool.stats();
            three.forEach(Lease::close);
            tickThenAdvance(pool, Duration.ofSeconds(4));
            PoolStats first = pool.stats();
            assertEquals(3, pool.size(), "one surplus slot was available all along");
            assertEquals(1, first.trims());
            clock.advance(Duration.ofSeconds(6));
            pool.stats();
            assertEquals(2, pool.size(), "the other one idleTimeout after the dip");
        }
    }

    @Test
    void aPoolThatShrankGrowsAgainAndShrinksAgain() {
        try (BoundedBufferPool<byte[]> pool = pool(2)) {
            pool.grow(2);
            tickThenAdvance(pool, IDLE);
            pool.stats();
            assertEquals(2, pool.size());
            assertEquals(5, pool.grow(3));
            List<Lease<byte[]>> five = lease(pool, 5);
            assertEquals(0, pool.available());
            assertEquals(5 * BYTES, pool.usedBytes());
            five.forEach(Lease::close);
            tickThenAdvance(pool, IDLE);
            PoolStats stats = pool.stats();
            assertEquals(2, pool.size());
            assertEquals(5, stats.trims());
            assertEquals(2, pool.available());
        }
    }

    @Test
    void slotsEmptiedByTrimAreTakenBackWithoutCountingTrimsAgain() {
        try (BoundedBufferPool<byte[]> pool = pool(2)) {
            pool.grow(2);
            pool.trim();
            assertEquals(4, pool.stats().trims(), "trim dropped the four idle buffers; their slots stay");
            assertEquals(4, pool.available());
            tickThenAdvance(pool, IDLE);
            PoolStats stats = pool.stats();
            assertEquals(2, pool.size());
            assertEquals(4, stats.trims(), "no buffer was dropped: the slots were empty");
            assertEquals(2, pool.available());
            assertEquals(0, pool.usedBytes());
            try (Lease<byte[]> lease = pool.acquire(BYTES)) {
                assertEquals(BYTES, lease.capacity());
            }
        }
    }

    @Test
    void closeCancelsTheTimerAndAPoolWithoutIdleTimeoutHasNone() {
        BoundedBufferPool<byte[]> pool = pool(2);
        Poll.until(pool::trimScheduled, () -> "the timer is scheduled: " + pool);
        pool.close();
        // A period that fired just as close() ran may schedule once more and cancel itself at once.
        Poll.until(() -> !pool.trimScheduled(), () -> "nothing left scheduled after close: " + pool);
        try (BoundedBufferPool<byte[]> plain = BoundedBufferPool.builder(BufferTypes.BYTE_ARRAY).maxBuffers(2)
                .bufferCapacity(BYTES).build()) {
            assertFalse(plain.trimScheduled(), "no idleTimeout, no timer");
        }
    }

    @Test
    void statsPassOnWhatTheClockThrows() {
        InstantSource broken = new InstantSource() {
            @Override
            public Instant instant() {
                throw new IllegalStateException("clock broken");
            }
        };
        try (BoundedBufferPool<byte[]> pool = BoundedBufferPool.create(PoolSpec.builder(BufferTypes.BYTE_ARRAY)
                .maxBuffers(1).bufferCapacity(BYTES).idleTimeout(IDLE).clock(broken).build())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, pool::stats);
            assertEquals("clock broken", e.getMessage());
            try (Lease<byte[]> lease = pool.acquire(BYTES)) {
                assertEquals(BYTES, lease.capacity(), "the pool itself is unharmed");
            }
        }
    }

    @Test
    void theTimerAloneShrinksAPoolOnRealTime() {
        try (BoundedBufferPool<byte[]> pool = BoundedBufferPool.create(PoolSpec.builder(BufferTypes.BYTE_ARRAY)
                .name("real-time").maxBuffers(2).bufferCapacity(BYTES).idleTimeout(Duration.ofMillis(200)).build())) {
            Lease<byte[]> kept = pool.acquire(BYTES);
            assertEquals(4, pool.grow(2));
            // size() runs no shrinking, unlike stats(): only the timer can change what it shows.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pool.size() != 2 && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertEquals(2, pool.size(), () -> "the timer shrank the pool within 10 s: " + pool);
            assertEquals(1, pool.available(), "the leased buffer's slot stayed");
            Lease<byte[]> other = pool.acquire(BYTES);
            assertNull(pool.tryAcquire(BYTES));
            kept.close();
            other.close();
            PoolStats stats = pool.stats();
            assertEquals(2, stats.trims());
            assertEquals(2, stats.idleBuffers());
        }
    }
}
