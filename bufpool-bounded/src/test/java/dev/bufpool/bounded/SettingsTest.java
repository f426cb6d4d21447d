package dev.bufpool.bounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad setting and argument is refused naming the setting, the value and what is allowed. */
class SettingsTest {

    /** Builds something that must be refused; the words its message must hold. */
    record BadBuild(Runnable build, List<String> words) {
    }

    /** A call on a working pool that must be refused, leaving the pool as it was. */
    record BadCall(Function<BoundedBufferPool<byte[]>, Object> call, Class<? extends Exception> thrown, List<String> words) {
    }

    private static BoundedBufferPool.Builder<byte[]> bytes() {
        return BoundedBufferPool.builder(BufferTypes.BYTE_ARRAY).name("p").maxBuffers(2).bufferCapacity(1024);
    }

    private static PoolSpec.Builder<byte[]> spec() {
        return PoolSpec.builder(BufferTypes.BYTE_ARRAY).name("p").maxBuffers(2).bufferCapacity(1024);
    }

    private static Named<BadBuild> build(String label, Runnable build, String... words) {
        return Named.of(label, new BadBuild(build, List.of(words)));
    }

    static Stream<Named<BadBuild>> badBuilds() {
        return Stream.of(
                build("maxBuffers 0", () -> bytes().maxBuffers(0).build(), "maxBuffers must be in [1, 1048576]", "maxBuffers=0"),
                build("bufferCapacity 0", () -> bytes().bufferCapacity(0).build(),
                        "bufferCapacity must be in [1, 2147483639]", "bufferCapacity=0"),
                build("maxWait negative", () -> bytes().maxWait(Duration.ofMillis(-1)).build(),
                        "maxWait must be >= 0", "maxWait=PT-0.001S"),
                build("memoryBudget 0", () -> bytes().memoryBudget(0).build(), "memoryBudget must be >= 1", "memoryBudget=0"),
                build("memoryBudget below one buffer", () -> bytes().memoryBudget(100).build(),
                        "memoryBudget must be >= the bytes of one buffer (1024)", "memoryBudget=100"),
                build("preallocate above maxBuffers", () -> bytes().preallocate(3).build(),
                        "preallocate must be <= maxBuffers (2)", "preallocate=3"),
                build("preallocate above the budget", () -> bytes().maxBuffers(4).memoryBudget(2048).preallocate(3).build(),
                        "preallocate must be <= 2", "memoryBudget 2048", "preallocate=3"),
                build("maxIdleBuffers negative", () -> bytes().maxIdleBuffers(-1).build(),
                        "maxIdleBuffers must be in [0, 1048576]", "maxIdleBuffers=-1"),
                build("oneOffBelow negative", () -> bytes().memoryBudget(4096).oneOffBelow(-1).build(),
                        "oneOffBelow must be in [0, 1024]", "oneOffBelow=-1"),
                build("oneOffBelow above bufferCapacity", () -> bytes().memoryBudget(4096).oneOffBelow(1025).build(),
                        "oneOffBelow must be in [0, 1024]", "oneOffBelow=1025"),
                build("oneOffBelow without a budget", () -> bytes().oneOffBelow(10).build(),
                        "oneOffBelow must be 0 without a memoryBudget", "oneOffBelow=10"),
                build("objects of capacity 2", () -> BoundedBufferPool.forObjects(Object::new, o -> { }, 8)
                        .maxBuffers(1).bufferCapacity(2).build(), "bufferCapacity must be 1 for a pool of objects", "bufferCapacity=2"),
                build("objects of negative size", () -> BoundedBufferPool.forObjects(Object::new, o -> { }, -1),
                        "bytesEach must be >= 0", "bytesEach=-1"),
                build("budget for objects of no size", () -> BoundedBufferPool.forObjects(Object::new, o -> { }, 0)
                        .maxBuffers(1).memoryBudget(64).build(), "memoryBudget must be unset for buffers of no size", "memoryBudget=64"),
                build("preallocate with trimCapacity below bufferCapacity",
                        () -> BoundedBufferPool.create(spec().trimCapacity(512).preallocate(1).build()),
                        "preallocate must be 0 when trimCapacity (512) is below bufferCapacity (1024)", "preallocate=1"),
                build("zeroOnRelease", () -> BoundedBufferPool.create(spec().zeroOnRelease(true).build()),
                        "zeroOnRelease", "bounded", "ZEROING"),
                build("shards", () -> BoundedBufferPool.create(spec().shards(2).build()), "shards", "bounded", "SHARDED"),
                build("preallocate above what maxIdleBytes keeps", () -> BoundedBufferPool.create(
                        spec().maxIdleBytes(1024).preallocate(2).build()),
                        "preallocate must be <= 1, the buffers of 1024 bytes maxIdleBytes 1024 keeps idle", "preallocate=2"),
                build("preallocate with maxIdleBytes 0", () -> BoundedBufferPool.create(
                        spec().maxIdleBytes(0).preallocate(1).build()),
                        "preallocate must be 0 when maxIdleBytes is 0", "preallocate=1"),
                build("blank name", () -> bytes().name(" ").build(), "name must not be blank", "name=' '"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBuilds")
    void aBadSettingIsRefusedByNameValueAndRange(BadBuild bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad.build()::run);
        for (String word : bad.words()) {
            assertTrue(e.getMessage().contains(word), () -> "lacks '" + word + "': " + e.getMessage());
        }
        try (BoundedBufferPool<byte[]> pool = bytes().build(); Lease<byte[]> lease = pool.acquire(1024)) {
            assertEquals(1024, lease.capacity(), "a good pool builds after a bad one");
        }
    }

    private static Named<BadCall> call(String label, Function<BoundedBufferPool<byte[]>, Object> call, String... words) {
        return Named.of(label, new BadCall(call, IllegalArgumentException.class, List.of(words)));
    }

    static Stream<Named<BadCall>> badCalls() {
        return Stream.of(
                call("acquire(-1)", p -> p.acquire(-1), "minCapacity must be in [0, 1024]", "bufferCapacity", "minCapacity=-1"),
                call("acquire(1025)", p -> p.acquire(1025), "minCapacity must be in [0, 1024]", "pool p", "minCapacity=1025"),
                call("tryAcquire(MAX_VALUE)", p -> p.tryAcquire(Integer.MAX_VALUE), "minCapacity=2147483647"),
                call("timed tryAcquire(-5)", p -> timed(p, -5), "minCapacity must be in [0, 1024]", "minCapacity=-5"),
                call("grow(0)", p -> p.grow(0), "count must be in [1, 1048574]", "count=0"),
                call("grow(-1)", p -> p.grow(-1), "count must be in [1, 1048574]", "count=-1"),
                call("grow(too many)", p -> p.grow(1 << 20), "count must be in [1, 1048574]", "count=1048576"),
                Named.of("timed tryAcquire without a unit", new BadCall(p -> timedWithoutUnit(p),
                        NullPointerException.class, List.of("unit"))));
    }

    private static Object timed(BoundedBufferPool<byte[]> pool, int size) {
        try {
            return pool.tryAcquire(size, 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static Object timedWithoutUnit(BoundedBufferPool<byte[]> pool) {
        try {
            return pool.tryAcquire(1, 1, null);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCalls")
    void aBadArgumentIsRefusedAndThePoolStillWorks(BadCall bad) {
        try (BoundedBufferPool<byte[]> pool = bytes().build()) {
            Exception e = assertThrows(bad.thrown(), () -> bad.call().apply(pool));
            for (String word : bad.words()) {
                assertTrue(String.valueOf(e.getMessage()).contains(word), () -> "lacks '" + word + "': " + e.getMessage());
            }
            assertEquals(2, pool.size());
            assertEquals(2, pool.available());
            Lease<byte[]> a = pool.acquire(1024);
            Lease<byte[]> b = pool.acquire(0);
            assertEquals(0, pool.available());
            a.close();
            b.close();
            assertEquals(2, pool.stats().idleBuffers());
        }
    }

    @Test
    void unsetSettingsTakeTheDocumentedDefaults() {
        try (BoundedBufferPool<byte[]> pool = BoundedBufferPool.create(
                PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("bounded").build())) {
            assertEquals(65_536, pool.bufferCapacity());
            assertEquals(16, pool.size());
            assertEquals(Duration.ofSeconds(30), pool.maxWait());
            assertEquals(16, pool.stats().idleBuffers(), "every buffer preallocated");
            assertEquals(65_536, pool.largestRequest());
            assertTrue(pool.memoryBudget().isEmpty());
        }
    }
}
