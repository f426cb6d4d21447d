package dev.bufpool.sharded;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferType;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShardedBufferPoolBadInputTest {

    private final ShardedBufferPool<byte[]> pool = ShardedBufferPool.builder(BufferTypes.BYTE_ARRAY).name("bad").build();

    @AfterEach
    void close() {
        pool.close();
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                bad(b -> b.shards(0), "shards must be a power of two in [1, 1024]: shards=0"),
                bad(b -> b.shards(3), "shards must be a power of two in [1, 1024]: shards=3"),
                bad(b -> b.shards(2048), "shards must be a power of two in [1, 1024]: shards=2048"),
                bad(b -> b.maxIdleBuffers(-1), "maxIdleBuffers must be in [0, 1048576]: maxIdleBuffers=-1"),
                bad(b -> b.trimCapacity(0), "trimCapacity must be in [1, 2147483639]: trimCapacity=0"),
                bad(b -> b.threadCacheSize(-2), "threadCacheSize must be in [0, 64]: threadCacheSize=-2"),
                bad(b -> b.threadCacheSize(65), "threadCacheSize must be in [0, 64]: threadCacheSize=65"),
                bad(b -> b.bufferCapacity(0), "bufferCapacity must be in [1, 2147483639]: bufferCapacity=0"),
                bad(b -> b.preallocate(-1), "preallocate must be in [0, 1048576]: preallocate=-1"),
                bad(b -> b.maxIdleBuffers(4).preallocate(5).bufferCapacity(8),
                        "preallocate must be <= maxIdleBuffers (4): preallocate=5"),
                bad(b -> b.preallocate(2), "preallocate needs bufferCapacity, the capacity of the buffers to create: preallocate=2"),
                bad(b -> b.name(" "), "name must not be blank: name=' '"),
                bad(b -> b.shards(Integer.MAX_VALUE), "shards must be a power of two in [1, 1024]: shards=2147483647"),
                bad(b -> b.shards(Integer.MIN_VALUE), "shards must be a power of two in [1, 1024]: shards=-2147483648"),
                bad(b -> b.maxIdleBuffers(Integer.MAX_VALUE),
                        "maxIdleBuffers must be in [0, 1048576]: maxIdleBuffers=2147483647"),
                bad(b -> b.trimCapacity(-1), "trimCapacity must be in [1, 2147483639]: trimCapacity=-1"),
                bad(b -> b.trimCapacity(Integer.MAX_VALUE), "trimCapacity must be in [1, 2147483639]: trimCapacity=2147483647"),
                bad(b -> b.threadCacheSize(Integer.MIN_VALUE), "threadCacheSize must be in [0, 64]: threadCacheSize=-2147483648"),
                bad(b -> b.bufferCapacity(-1), "bufferCapacity must be in [1, 2147483639]: bufferCapacity=-1"),
                bad(b -> b.bufferCapacity(Integer.MAX_VALUE),
                        "bufferCapacity must be in [1, 2147483639]: bufferCapacity=2147483647"),
                bad(b -> b.preallocate(Integer.MAX_VALUE), "preallocate must be in [0, 1048576]: preallocate=2147483647"));
    }

    private static Arguments bad(Consumer<ShardedBufferPool.Builder<byte[]>> setting, String message) {
        return Arguments.of(setting, message);
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void builderRefusesBadSettingsNamingSettingValueAndRange(Consumer<ShardedBufferPool.Builder<byte[]>> setting,
            String message) {
        ShardedBufferPool.Builder<byte[]> builder = ShardedBufferPool.builder(BufferTypes.BYTE_ARRAY);
        setting.accept(builder);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertEquals(message, e.getMessage());
    }

    @Test
    void acquireRefusesCapacitiesOutOfRangeAndThePoolStillWorks() {
        String range = "minCapacity must be in [0, 2147483639]: minCapacity=";
        assertEquals(range + "-1", assertThrows(IllegalArgumentException.class, () -> pool.acquire(-1)).getMessage());
        assertEquals(range + "2147483640",
                assertThrows(IllegalArgumentException.class, () -> pool.acquire(Integer.MAX_VALUE - 7)).getMessage());
        assertEquals(range + "-5", assertThrows(IllegalArgumentException.class, () -> pool.tryAcquire(-5)).getMessage());
        assertEquals(range + "-5", assertThrows(IllegalArgumentException.class,
                () -> pool.tryAcquire(-5, 1, TimeUnit.SECONDS)).getMessage());
        assertThrows(NullPointerException.class, () -> pool.tryAcquire(5, 1, null));
        try (Lease<byte[]> lease = pool.acquire(10)) {
            assertEquals(16, lease.buffer().length);
        }
        assertEquals(0, pool.stats().drops());
    }

    @Test
    void nullsAreRefusedByName() {
        assertEquals("type", assertThrows(NullPointerException.class, () -> ShardedBufferPool.builder(null)).getMessage());
        assertEquals("spec", assertThrows(NullPointerException.class, () -> ShardedBufferPool.create(null)).getMessage());
        ShardedBufferPool.Builder<byte[]> builder = ShardedBufferPool.builder(BufferTypes.BYTE_ARRAY);
        assertEquals("name", assertThrows(NullPointerException.class, () -> builder.name(null)).getMessage());
        assertEquals("unit", assertThrows(NullPointerException.class, () -> pool.tryAcquire(1, 0, null)).getMessage());
        assertPoolStillWorks(pool);
    }

    @Test
    void absurdTimeoutsNeitherFailNorWait() throws InterruptedException {
        for (long timeout : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, -1, 0}) {
            try (Lease<byte[]> lease = pool.tryAcquire(10, timeout, TimeUnit.DAYS)) {
                assertEquals(16, lease.buffer().length, "timeout " + timeout + " days");
            }
        }
        assertPoolStillWorks(pool);
    }

    @Test
    void preallocateOfAHugeCountStopsWhenTheShardsAreFull() {
        try (ShardedBufferPool<byte[]> small = ShardedBufferPool.builder(BufferTypes.BYTE_ARRAY).maxIdleBuffers(8)
                .threadCacheSize(0).build()) {
            int kept = small.preallocate(Integer.MAX_VALUE, 8);
            assertEquals(8, kept, "kept up to maxIdleBuffers");
            assertEquals(8, small.stats().idleBuffers());
            assertPoolStillWorks(small);
        }
    }

    @Test
    void aClosedPoolRefusesAcquisitionsAndPreallocationNamingItAndItsLeasesCloseHarmlessly() {
        ShardedBufferPool<byte[]> closed = ShardedBufferPool.builder(BufferTypes.BYTE_ARRAY).name("shut").build();
        Lease<byte[]> out = closed.acquire(10);
        closed.close();
        for (Executable call : List.<Executable>of(() -> closed.acquire(1), () -> closed.tryAcquire(1),
                () -> closed.tryAcquire(1, Long.MAX_VALUE, TimeUnit.DAYS), () -> closed.preallocate(1, 8))) {
            assertEquals("pool shut is closed", assertThrows(IllegalStateException.class, call).getMessage());
        }
        assertDoesNotThrow(out::close);
        assertDoesNotThrow(out::close);
        assertEquals(0, closed.stats().idleBuffers(), "a lease closed after the pool's close is discarded");
        assertDoesNotThrow(closed::trim);
        assertDoesNotThrow(closed::close);
        assertPoolStillWorks(pool);
    }

    @Test
    void anAllocateThatThrowsPassesThroughAndThePoolKeepsWorking() {
        IllegalStateException failure = new IllegalStateException("allocate failed on purpose");
        boolean[] fail = {true};
        BufferType<byte[]> failing = new DelegatingType() {
            @Override
            public byte[] allocate(int capacity) {
                if (fail[0]) {
                    throw failure;
                }
                return super.allocate(capacity);
            }
        };
        try (ShardedBufferPool<byte[]> flaky = ShardedBufferPool.builder(failing).build()) {
            assertSame(failure, assertThrows(IllegalStateException.class, () -> flaky.acquire(8)));
            assertSame(failure, assertThrows(IllegalStateException.class, () -> flaky.preallocate(1, 8)));
            fail[0] = false;
            assertPoolStillWorks(flaky);
        }
    }

    /** byte[], for types that change one method. */
    private static class DelegatingType implements BufferType<byte[]> {
        @Override
        public String name() {
            return "byte[] for a test";
        }

        @Override
        public byte[] allocate(int capacity) {
            return new byte[capacity];
        }

        @Override
        public int capacity(byte[] buffer) {
            return buffer.length;
        }

        @Override
        public long sizeInBytes(byte[] buffer) {
            return buffer.length;
        }

        @Override
        public void reset(byte[] buffer) {
        }

        @Override
        public void zero(byte[] buffer) {
            java.util.Arrays.fill(buffer, (byte) 0);
        }
    }

    private static void assertPoolStillWorks(ShardedBufferPool<byte[]> p) {
        try (Lease<byte[]> a = p.acquire(10); Lease<byte[]> b = p.tryAcquire(100)) {
            assertTrue(a.buffer().length >= 10);
            assertTrue(b.buffer().length >= 100);
        }
    }

    @Test
    void preallocateRefusesBadArguments() {
        assertEquals("count must be >= 0: count=-1",
                assertThrows(IllegalArgumentException.class, () -> pool.preallocate(-1, 8)).getMessage());
        assertEquals("capacity must be in [0, 2147483639]: capacity=-8",
                assertThrows(IllegalArgumentException.class, () -> pool.preallocate(1, -8)).getMessage());
        assertEquals("count must be >= 0: count=-2147483648",
                assertThrows(IllegalArgumentException.class, () -> pool.preallocate(Integer.MIN_VALUE, 8)).getMessage());
        assertEquals("capacity must be in [0, 2147483639]: capacity=2147483647",
                assertThrows(IllegalArgumentException.class, () -> pool.preallocate(1, Integer.MAX_VALUE)).getMessage());
        assertEquals(0, pool.stats().idleBuffers(), "a refused preallocation keeps nothing");
        assertPoolStillWorks(pool);
    }

    @Test
    void specWithASettingTheShardedPoolCannotHonourIsRefused() {
        PoolSpec<byte[]> spec = PoolSpec.builder(BufferTypes.BYTE_ARRAY).name("z").zeroOnRelease(true).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShardedBufferPool.create(spec));
        assertEquals("provider 'sharded' cannot honour setting zeroOnRelease of pool z: it needs feature ZEROING,"
                + " and sharded has only [THREAD_CACHE, SHARDED, SHARING, IDLE_TRIM, LEAK_DETECTION]", e.getMessage());
    }

    @Test
    void aBufferWhoseResetFailsIsDroppedAndThePoolStaysWhole() {
        BufferType<int[]> failing = new BufferType<>() {
            @Override
            public String name() {
                return "int[] failing reset";
            }

            @Override
            public int[] allocate(int capacity) {
                return new int[capacity];
            }

            @Override
            public int capacity(int[] buffer) {
                return buffer.length;
            }

            @Override
            public long sizeInBytes(int[] buffer) {
                return 4L * buffer.length;
            }

            @Override
            public void reset(int[] buffer) {
                if (buffer[0] != 0) {
                    throw new IllegalStateException("cannot reset");
                }
            }

            @Override
            public void zero(int[] buffer) {
                java.util.Arrays.fill(buffer, 0);
            }
        };
        ShardedBufferPool<int[]> ints = ShardedBufferPool.builder(failing).build();
        try (Lease<int[]> lease = ints.acquire(4)) {
            lease.buffer()[0] = 1;
        }
        assertEquals(1, ints.stats().drops());
        assertEquals(0, ints.stats().idleBuffers());
        ints.acquire(4).close();
        assertEquals(1, ints.stats().idleBuffers());
        ints.close();
    }
}
