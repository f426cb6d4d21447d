package dev.bufpool.sizeclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.PoolStats;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool as the discovery facade finds it, and how a spec's settings map to it. */
class ProviderTest {

    private static PoolSpec.Builder<byte[]> spec() {
        return PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("sizeclass");
    }

    @Test
    void discoveryFindsTheProviderWithItsFeaturesAndPriority() {
        BufferPoolProvider provider = BufferPools.provider("sizeclass");
        assertEquals("sizeclass", provider.name());
        assertEquals(50, provider.priority());
        assertEquals(EnumSet.of(PoolFeature.THREAD_CACHE, PoolFeature.SIZE_CLASSES, PoolFeature.ZEROING,
                PoolFeature.SHARING, PoolFeature.IDLE_TRIM, PoolFeature.LEAK_DETECTION), provider.features());
        assertTrue(BufferPools.providers().contains(provider));
    }

    @Test
    void aSpecAskingForZeroingGetsThisPool() {
        PoolSpec<byte[]> spec = PoolSpec.builder(BufferTypes.BYTE_ARRAY).name("secrets")
                .zeroOnRelease(true).sizeClasses(512, 8192).build();
        try (BufferPool<byte[]> pool = BufferPools.create(spec)) {
            SizeClassBufferPool<?> sizeClass = assertInstanceOf(SizeClassBufferPool.class, pool);
            assertEquals("secrets", sizeClass.name());
            assertTrue(sizeClass.zeroOnRelease());
            try (Lease<byte[]> lease = pool.acquire(600)) {
                assertEquals(8192, lease.buffer().length);
            }
        }
    }

    @Test
    void maxIdleBuffersOfASpecBoundsTheIdleBuffersOfThePool() {
        try (BufferPool<byte[]> pool = SizeClassBufferPool.create(spec().maxIdleBuffers(2).build())) {
            List<Lease<byte[]>> leases = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                leases.add(pool.acquire(512));
            }
            leases.forEach(Lease::close);
            PoolStats stats = pool.stats();
            assertEquals(2, stats.idleBuffers(), () -> "maxIdleBuffers=2: " + stats);
            assertEquals(4, stats.drops(), () -> stats.toString());
        }
    }

    @Test
    void preallocateWithBufferCapacityFillsTheClassServingIt() {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.create(spec().preallocate(4).bufferCapacity(5000).build())) {
            assertEquals(4, pool.preallocated(65_536));
            assertEquals(0, pool.preallocated(4096));
            assertEquals(4, pool.freeBuffers(65_536));
            List<Lease<byte[]>> leases = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                leases.add(pool.acquire(5000));
            }
            assertEquals(0, pool.stats().allocations());
            leases.forEach(Lease::close);
        }
    }

    @Test
    void preallocateAloneFillsEveryClass() {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.create(spec().sizeClasses(64, 128).preallocate(3).build())) {
            assertEquals(3, pool.freeBuffers(64));
            assertEquals(3, pool.freeBuffers(128));
            assertEquals(6, pool.stats().idleBuffers());
            assertEquals(3 * 64 + 3 * 128, pool.stats().idleBytes());
        }
    }

    @Test
    void threadCacheSizeZeroSendsEveryReturnToTheFreeList() {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.create(spec().threadCacheSize(0).build())) {
            assertEquals(0, pool.threadCacheSize());
            pool.acquire(1).close();
            assertEquals(1, pool.freeBuffers(4096));
        }
    }

    @Test
    void unsetSettingsTakeTheDefaults() {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.create(spec().build())) {
            assertEquals(List.of(4096, 65_536, 262_144, 1_048_576),
                    java.util.Arrays.stream(pool.sizeClasses()).boxed().toList());
            assertEquals(4, pool.threadCacheSize());
            assertTrue(pool.maxIdleBuffers().isEmpty());
            assertEquals(0, pool.preallocated(4096));
            assertTrue(pool.toString().contains("sizeClasses=[4096, 65536, 262144, 1048576]"), pool::toString);
        }
    }
}
