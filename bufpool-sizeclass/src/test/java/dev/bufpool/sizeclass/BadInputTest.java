package dev.bufpool.sizeclass;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolSpec;
import dev.bufpool.PoolStats;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input is refused with a message naming the setting, the value and what is allowed. */
class BadInputTest {

    private SizeClassBufferPool<byte[]> pool;

    @BeforeEach
    void openPool() {
        pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY).preallocate(4096, 1).build();
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    private static void assertRefused(Executable call, String... parts) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(refused.getMessage().contains(part), () -> "'" + part + "' in: " + refused.getMessage());
        }
    }

    private void assertPoolStillWorks() {
        try (Lease<byte[]> lease = pool.acquire(4096)) {
            assertEquals(4096, lease.buffer().length);
        }
        PoolStats stats = pool.stats();
        assertEquals(1, stats.idleBuffers(), () -> "the preallocated buffer, idle again: " + stats);
        assertEquals(0, stats.allocations(), () -> "served from the pool: " + stats);
        assertEquals(0, stats.drops(), () -> stats.toString());
    }

    static Stream<Integer> badCapacities() {
        return Stream.of(-1, Integer.MIN_VALUE, Integer.MAX_VALUE - 7, Integer.MAX_VALUE);
    }

    @ParameterizedTest(name = "minCapacity={0}")
    @MethodSource("badCapacities")
    void aSizeOutOfRangeIsRefusedOnEveryEntryAndThePoolKeepsWorking(int capacity) {
        String[] parts = {"minCapacity", "=" + capacity, "[0, 2147483639]"};
        assertRefused(() -> pool.acquire(capacity), parts);
        assertRefused(() -> pool.tryAcquire(capacity), parts);
        assertRefused(() -> pool.tryAcquire(capacity, 1, TimeUnit.SECONDS), parts);
        assertRefused(() -> pool.capacityFor(capacity), parts);
        assertPoolStillWorks();
    }

    @Test
    void nullsAreRefusedByName() {
        assertEquals("type", assertThrows(NullPointerException.class, () -> SizeClassBufferPool.builder(null)).getMessage());
        assertEquals("spec", assertThrows(NullPointerException.class, () -> SizeClassBufferPool.create(null)).getMessage());
        SizeClassBufferPool.Builder<byte[]> builder = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY);
        assertEquals("name", assertThrows(NullPointerException.class, () -> builder.name(null)).getMessage());
        assertEquals("classes", assertThrows(NullPointerException.class, () -> builder.sizeClasses((int[]) null)).getMessage());
        assertEquals("unit", assertThrows(NullPointerException.class, () -> pool.tryAcquire(1, 1, null)).getMessage());
        assertPoolStillWorks();
    }

    @Test
    void absurdTimeoutsNeitherFailNorWait() throws InterruptedException {
        for (long timeout : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, -1, 0}) {
            try (Lease<byte[]> lease = pool.tryAcquire(4096, timeout, TimeUnit.DAYS)) {
                assertEquals(4096, lease.buffer().length, "timeout " + timeout + " days");
            }
        }
        assertPoolStillWorks();
    }

    @Test
    void aRequestAboveTheLargestClassIsServedExactlyAndNotKept() {
        try (SizeClassBufferPool<byte[]> small = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY).sizeClasses(64, 256).build()) {
            try (Lease<byte[]> lease = small.acquire(257)) {
                assertEquals(257, lease.buffer().length);
            }
            assertEquals(257, small.capacityFor(257));
            PoolStats stats = small.stats();
            assertEquals(0, stats.idleBuffers(), () -> "an exact-size buffer is never kept: " + stats);
            assertEquals(1, stats.drops(), stats::toString);
        }
        assertPoolStillWorks();
    }

    @Test
    void aClosedPoolRefusesAcquisitionsNamingItAndItsLeasesCloseHarmlessly() {
        SizeClassBufferPool<byte[]> closed = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY).name("shut").build();
        Lease<byte[]> out = closed.acquire(10);
        closed.acquire(10).close(); // a buffer in this thread's cache: the closed check comes first
        closed.close();
        for (Executable call : java.util.List.<Executable>of(() -> closed.acquire(10), () -> closed.tryAcquire(10),
                () -> closed.tryAcquire(10, Long.MAX_VALUE, TimeUnit.DAYS), () -> closed.acquire(5_000_000))) {
            assertEquals("pool shut is closed", assertThrows(IllegalStateException.class, call).getMessage());
        }
        assertDoesNotThrow(out::close);
        assertDoesNotThrow(out::close);
        assertEquals(0, closed.stats().idleBuffers(), "a lease closed after the pool's close is dropped");
        assertEquals(4096, closed.capacityFor(10), "capacityFor still answers");
        assertDoesNotThrow(closed::trim);
        assertDoesNotThrow(closed::close);
        assertPoolStillWorks();
    }

    @Test
    void askingAboutASizeThatIsNoClassIsRefused() {
        assertRefused(() -> pool.freeBuffers(5000), "classSize", "5000", "[4096, 65536, 262144, 1048576]");
        assertRefused(() -> pool.maxIdle(4097), "classSize", "4097", "size classes");
        assertRefused(() -> pool.preallocated(0), "classSize", "=0", "size classes");
        assertRefused(() -> pool.freeBuffers(Integer.MIN_VALUE), "classSize", "-2147483648");
        assertRefused(() -> pool.maxIdle(Integer.MAX_VALUE), "classSize", "2147483647");
        assertRefused(() -> pool.preallocated(-4096), "classSize", "-4096");
        assertPoolStillWorks();
    }

    /** A bad builder setting and the parts its message must hold. */
    record Bad(UnaryOperator<SizeClassBufferPool.Builder<byte[]>> set, String[] parts) {
    }

    private static Arguments bad(String name, UnaryOperator<SizeClassBufferPool.Builder<byte[]>> set, String... parts) {
        return Arguments.of(Named.of(name, new Bad(set, parts)));
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                bad("no classes", b -> b.sizeClasses(), "sizeClasses", "[]", "1 to 31"),
                bad("unsorted classes", b -> b.sizeClasses(65536, 4096), "sizeClasses", "[65536, 4096]", "ascending"),
                bad("repeated class", b -> b.sizeClasses(4096, 4096), "sizeClasses", "[4096, 4096]", "ascending"),
                bad("not a power of two", b -> b.sizeClasses(4096, 5000), "sizeClasses", "5000", "powers of two"),
                bad("zero class", b -> b.sizeClasses(0, 4096), "sizeClasses", "[0, 4096]", "powers of two"),
                bad("negative class", b -> b.sizeClasses(-4096), "sizeClasses", "-4096", "powers of two"),
                bad("negative preallocate", b -> b.preallocate(4096, -1),
                        "preallocate(4096)", "=-1", "[0, 1048576]"),
                bad("huge preallocate", b -> b.preallocate(4096, (1 << 20) + 1),
                        "preallocate(4096)", "=1048577", "[0, 1048576]"),
                bad("preallocate of no class", b -> b.preallocate(5000, 1),
                        "preallocate classSize", "=5000", "one of the size classes [4096, 65536, 262144, 1048576]"),
                bad("negative maxIdle", b -> b.maxIdle(65536, -3), "maxIdle(65536)", "=-3", "[0, 1048576]"),
                bad("maxIdle of a class removed", b -> b.sizeClasses(1024).maxIdle(4096, 1),
                        "maxIdle classSize", "=4096", "[1024]"),
                bad("preallocate above maxIdle", b -> b.preallocate(4096, 10).maxIdle(4096, 5),
                        "preallocate(4096)", "=10", "<= maxIdle(4096) (5)"),
                bad("negative maxIdleBuffers", b -> b.maxIdleBuffers(-1), "maxIdleBuffers", "=-1", "[0, 1048576]"),
                bad("preallocate above maxIdleBuffers", b -> b.maxIdleBuffers(4).preallocate(4096, 2).preallocate(65536, 3),
                        "preallocate", "5 buffers in all", "maxIdleBuffers (4)"),
                bad("negative threadCacheSize", b -> b.threadCacheSize(-1), "threadCacheSize", "=-1", "[0, 64]"),
                bad("huge threadCacheSize", b -> b.threadCacheSize(65), "threadCacheSize", "=65", "[0, 64]"),
                bad("blank name", b -> b.name(" "), "name", "' '", "blank"),
                bad("class of MIN_VALUE", b -> b.sizeClasses(Integer.MIN_VALUE), "sizeClasses", "-2147483648", "powers of two"),
                bad("class of MAX_VALUE", b -> b.sizeClasses(Integer.MAX_VALUE), "sizeClasses", "2147483647", "powers of two"),
                bad("preallocate of MAX_VALUE", b -> b.preallocate(4096, Integer.MAX_VALUE),
                        "preallocate(4096)", "=2147483647", "[0, 1048576]"),
                bad("preallocate of class MIN_VALUE", b -> b.preallocate(Integer.MIN_VALUE, 1),
                        "preallocate classSize", "=-2147483648", "one of the size classes"),
                bad("maxIdle of MAX_VALUE", b -> b.maxIdle(4096, Integer.MAX_VALUE), "maxIdle(4096)", "=2147483647", "[0, 1048576]"),
                bad("maxIdle of class MAX_VALUE", b -> b.maxIdle(Integer.MAX_VALUE, 1),
                        "maxIdle classSize", "=2147483647", "size classes"),
                bad("maxIdleBuffers of MAX_VALUE", b -> b.maxIdleBuffers(Integer.MAX_VALUE),
                        "maxIdleBuffers", "=2147483647", "[0, 1048576]"),
                bad("threadCacheSize of MIN_VALUE", b -> b.threadCacheSize(Integer.MIN_VALUE),
                        "threadCacheSize", "=-2147483648", "[0, 64]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void aBadSettingIsRefusedByNameValueAndRange(Bad bad) {
        SizeClassBufferPool.Builder<byte[]> builder = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY);
        assertRefused(() -> bad.set().apply(builder).build().close(), bad.parts());
        assertPoolStillWorks();
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                Arguments.of(Named.of("preallocate with no class left by trimCapacity",
                        PoolSpec.builder(BufferTypes.BYTE_ARRAY).trimCapacity(1000).preallocate(1)),
                        new String[] {"preallocate", "=1", "be 0 when trimCapacity leaves no size class"}),
                Arguments.of(Named.of("bufferCapacity above the largest class",
                        PoolSpec.builder(BufferTypes.BYTE_ARRAY).preallocate(2).bufferCapacity(2_000_000)),
                        new String[] {"bufferCapacity", "=2000000", "<= the largest size class (1048576)"}),
                Arguments.of(Named.of("preallocate of every class above maxIdleBuffers",
                        PoolSpec.builder(BufferTypes.BYTE_ARRAY).preallocate(3).maxIdleBuffers(10)),
                        new String[] {"preallocate", "12 buffers in all", "maxIdleBuffers (10)"}),
                Arguments.of(Named.of("shards", PoolSpec.builder(BufferTypes.BYTE_ARRAY).shards(2)),
                        new String[] {"shards", "sizeclass", "SHARDED"}),
                Arguments.of(Named.of("maxBuffers", PoolSpec.builder(BufferTypes.BYTE_ARRAY).maxBuffers(2)),
                        new String[] {"maxBuffers", "sizeclass", "BOUNDED"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void aSpecThePoolCannotHonourIsRefusedByName(PoolSpec.Builder<byte[]> spec, String[] parts) {
        PoolSpec<byte[]> built = spec.build();
        assertRefused(() -> SizeClassBufferPool.create(built).close(), parts);
        assertPoolStillWorks();
    }
}
