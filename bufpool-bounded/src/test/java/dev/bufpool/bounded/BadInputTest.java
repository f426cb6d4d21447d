package dev.bufpool.bounded;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bounded pool's rows of the bad-input table (the contract kit's {@code BadInputTableContractTest}
 * has the API's): nulls, extreme values of every builder setting and of {@code grow}, absurd
 * timeouts, a closed pool, a factory that hands out nothing. Each is refused naming what was wrong,
 * and the pool keeps every slot. {@link SettingsTest} has the ordinary out-of-range values.
 */
class BadInputTest {

    private static BoundedBufferPool.Builder<byte[]> bytes() {
        return BoundedBufferPool.builder(BufferTypes.BYTE_ARRAY).name("p").maxBuffers(2).bufferCapacity(1024);
    }

    /** Both slots can be leased at once, and a third acquisition finds none. */
    private static void assertWhole(BoundedBufferPool<byte[]> pool) {
        assertEquals(pool.size(), pool.available(), "every slot is available");
        List<Lease<byte[]>> all = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            Lease<byte[]> lease = pool.tryAcquire(1024);
            assertNotNull(lease, "slot " + i + " was lost");
            all.add(lease);
        }
        assertNull(pool.tryAcquire(1));
        all.forEach(Lease::close);
    }

    private static void assertRefused(Class<? extends Throwable> thrown, Executable call, String... words) {
        Throwable e = assertThrows(thrown, call);
        for (String word : words) {
            assertTrue(String.valueOf(e.getMessage()).contains(word), () -> "lacks '" + word + "': " + e.getMessage());
        }
    }

    static Stream<Named<Executable>> nulls() {
        Supplier<Object> factory = Object::new;
        return Stream.of(
                Named.of("builder(null)", () -> BoundedBufferPool.builder(null)),
                Named.of("create(null)", () -> BoundedBufferPool.create(null)),
                Named.of("forObjects(null factory)", () -> BoundedBufferPool.forObjects(null, o -> { }, 1)),
                Named.of("forObjects(null reset)", () -> BoundedBufferPool.forObjects(factory, null, 1)),
                Named.of("name(null)", () -> bytes().name(null)),
                Named.of("maxWait(null)", () -> bytes().maxWait(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nulls")
    void aNullIsRefusedByName(Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertTrue(List.of("type", "spec", "factory", "reset", "name", "maxWait").contains(e.getMessage()), e.getMessage());
        try (BoundedBufferPool<byte[]> pool = bytes().build()) {
            assertWhole(pool);
        }
    }

    static Stream<Named<Executable>> extremeSettings() {
        return Stream.of(
                Named.of("maxBuffers=MAX_VALUE", () -> bytes().maxBuffers(Integer.MAX_VALUE).build()),
                Named.of("maxBuffers=MIN_VALUE", () -> bytes().maxBuffers(Integer.MIN_VALUE).build()),
                Named.of("bufferCapacity=MAX_VALUE", () -> bytes().bufferCapacity(Integer.MAX_VALUE).build()),
                Named.of("bufferCapacity=-1", () -> bytes().bufferCapacity(-1).build()),
                Named.of("memoryBudget=MIN_VALUE", () -> bytes().memoryBudget(Long.MIN_VALUE).build()),
                Named.of("preallocate=MIN_VALUE", () -> bytes().preallocate(Integer.MIN_VALUE).build()),
                Named.of("preallocate=MAX_VALUE", () -> bytes().preallocate(Integer.MAX_VALUE).build()),
                Named.of("maxIdleBuffers=MAX_VALUE", () -> bytes().maxIdleBuffers(Integer.MAX_VALUE).build()),
                Named.of("maxWait=-MAX", () -> bytes().maxWait(Duration.ofSeconds(Long.MIN_VALUE)).build()),
                Named.of("oneOffBelow=MIN_VALUE", () -> bytes().memoryBudget(4096).oneOffBelow(Integer.MIN_VALUE).build()),
                Named.of("oneOffBelow=MAX_VALUE", () -> bytes().memoryBudget(4096).oneOffBelow(Integer.MAX_VALUE).build()),
                Named.of("forObjects bytesEach=MIN_VALUE", () -> BoundedBufferPool.forObjects(Object::new, o -> { }, Long.MIN_VALUE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extremeSettings")
    void anExtremeSettingIsRefusedNamingSettingAndValue(Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().matches("\\w+ must .*: (\\w+)=.+"), e.getMessage());
        String setting = e.getMessage().substring(0, e.getMessage().indexOf(' '));
        assertTrue(e.getMessage().contains(setting + "="), e.getMessage());
        try (BoundedBufferPool<byte[]> pool = bytes().build()) {
            assertWhole(pool);
        }
    }

    @Test
    void growByAnExtremeCountIsRefusedAndAddsNothing() {
        try (BoundedBufferPool<byte[]> pool = bytes().build()) {
            assertRefused(IllegalArgumentException.class, () -> pool.grow(Integer.MAX_VALUE), "count must be in [1, ", "pool p",
                    "count=2147483647");
            assertRefused(IllegalArgumentException.class, () -> pool.grow(Integer.MIN_VALUE), "count=-2147483648");
            assertEquals(2, pool.size());
            assertWhole(pool);
        }
    }

    @Test
    void aClosedPoolRefusesAcquisitionsAndGrowthNamingItAndItsLeasesCloseHarmlessly() {
        BoundedBufferPool<byte[]> pool = bytes().build();
        Lease<byte[]> out = pool.acquire(1024);
        pool.close();
        for (Executable call : List.<Executable>of(() -> pool.acquire(1), () -> pool.tryAcquire(1),
                () -> pool.tryAcquire(1, 0, TimeUnit.SECONDS), () -> pool.tryAcquire(1, Long.MAX_VALUE, TimeUnit.DAYS),
                () -> pool.grow(1))) {
            assertRefused(IllegalStateException.class, call, "pool p is closed");
        }
        assertDoesNotThrow(out::close);
        assertDoesNotThrow(out::close);
        assertEquals(0, pool.stats().idleBuffers(), "a buffer given back to a closed pool is dropped");
        assertEquals(0, pool.stats().outstanding());
        assertDoesNotThrow(pool::trim);
        assertDoesNotThrow(pool::close);
    }

    @Test
    void anExhaustedPoolGivesNullAtOnceForNegativeTimeoutsAndServesTheLongestWaitByHandOff() throws Exception {
        try (BoundedBufferPool<byte[]> pool = bytes().build()) {
            Lease<byte[]> first = pool.acquire(1);
            Lease<byte[]> second = pool.acquire(1);
            assertNull(pool.tryAcquire(1, -1, TimeUnit.NANOSECONDS));
            assertNull(pool.tryAcquire(1, Long.MIN_VALUE, TimeUnit.DAYS));
            CompletableFuture<Lease<byte[]>> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return pool.tryAcquire(1, Long.MAX_VALUE, TimeUnit.DAYS);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pool.waiting() == 0 && !waiter.isDone() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            first.close();
            Lease<byte[]> handedOver = waiter.get(10, TimeUnit.SECONDS);
            assertNotNull(handedOver, "a wait of Long.MAX_VALUE days is served by the buffer given back");
            handedOver.close();
            second.close();
            assertWhole(pool);
        }
    }

    @Test
    void aFactoryThatMakesNullIsRefusedNamingTheTypeAndTheSlotIsKept() {
        Object[] next = {null};
        try (BoundedBufferPool<Object> pool = BoundedBufferPool.forObjects(() -> next[0], o -> { }, 8).name("objects")
                .maxBuffers(1).preallocate(0).build()) {
            // Current behaviour, acceptable: the message names the buffer type and what it did, not the pool.
            assertRefused(IllegalStateException.class, () -> pool.acquire(1), "buffer type object allocated null");
            assertEquals(1, pool.available(), "the slot is given back");
            next[0] = new Object();
            try (Lease<Object> lease = pool.acquire(1)) {
                assertEquals(next[0], lease.buffer());
            }
            assertRefused(IllegalArgumentException.class, () -> pool.acquire(2), "minCapacity must be in [0, 1]", "pool objects",
                    "minCapacity=2");
        }
    }

    @Test
    void aRequestAboveWhatTheBudgetHoldsIsRefusedNamingTheLargest() {
        try (BoundedBufferPool<byte[]> pool = bytes().memoryBudget(4096).build()) {
            assertEquals(4096, pool.largestRequest());
            assertRefused(IllegalArgumentException.class, () -> pool.acquire(Integer.MAX_VALUE),
                    "minCapacity must be in [0, 4096], the largest request the memoryBudget holds of pool p", "minCapacity=2147483647");
            assertRefused(IllegalArgumentException.class, () -> pool.tryAcquire(4097), "minCapacity=4097");
            assertEquals(2048, pool.usedBytes(), "a refused request charges nothing to the budget");
            assertWhole(pool);
        }
    }
}
