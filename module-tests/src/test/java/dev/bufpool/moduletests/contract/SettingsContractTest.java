package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.LeakDetection;
import dev.bufpool.Lease;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.PoolStats;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Settings given in a spec are honoured, or refused by name; never silently ignored. */
class SettingsContractTest {

    private static PoolSpec.Builder<byte[]> fitted(BufferPoolProvider provider) {
        return FittedSpec.builder(provider, BufferTypes.BYTE_ARRAY, ContractKit.LARGEST, ContractKit.MOST_OUT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void maxIdleBuffersBoundsTheBuffersKeptIdle(BufferPoolProvider provider) {
        try (BufferPool<byte[]> pool = provider.create(fitted(provider).maxIdleBuffers(2).build())) {
            List<Lease<byte[]>> leases = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                leases.add(pool.acquire(512));
            }
            leases.forEach(Lease::close);
            PoolStats stats = pool.stats();
            assertTrue(stats.idleBuffers() <= 2, () -> "maxIdleBuffers=2, but: " + stats);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(lacking = PoolFeature.BOUNDED)
    void aReturnedBufferAboveTrimCapacityIsDropped(BufferPoolProvider provider) {
        try (BufferPool<byte[]> pool = provider.create(fitted(provider).trimCapacity(1024).build())) {
            Lease<byte[]> big = pool.acquire(4096);
            byte[] dropped = big.buffer();
            big.close();
            PoolStats stats = pool.stats();
            assertEquals(0, stats.idleBytes(), () -> "trimCapacity=1024, a 4096 buffer kept: " + stats);
            try (Lease<byte[]> again = pool.acquire(4096)) {
                assertNotSame(dropped, again.buffer(), "a dropped buffer came back");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void preallocatedBuffersAreIdleFromTheStartAndServeRequests(BufferPoolProvider provider) {
        PoolSpec<byte[]> spec = fitted(provider).preallocate(4).bufferCapacity(1024).build();
        try (BufferPool<byte[]> pool = provider.create(spec)) {
            PoolStats start = pool.stats();
            assertTrue(start.idleBuffers() >= 4, () -> "preallocate=4: " + start);
            assertTrue(start.idleBytes() >= 4 * 1024, () -> "preallocate=4 of 1024 bytes: " + start);
            List<Lease<byte[]>> leases = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                leases.add(pool.acquire(1024));
            }
            PoolStats served = pool.stats();
            if (served.allocations() != PoolStats.UNTRACKED) {
                assertEquals(start.allocations(), served.allocations(), () -> "preallocated buffers not used: " + served);
            }
            leases.forEach(Lease::close);
        }
    }

    /** Each setting that needs a feature, with each provider lacking it: that provider must refuse it. */
    static Stream<Arguments> providersAndFeatureSettings() {
        List<Named<Setting>> settings = List.of(
                setting("shards", PoolFeature.SHARDED, b -> b.shards(2)),
                setting("threadCacheSize", PoolFeature.THREAD_CACHE, b -> b.threadCacheSize(4)),
                setting("sizeClasses", PoolFeature.SIZE_CLASSES, b -> b.sizeClasses(1024, 4096)),
                setting("zeroOnRelease", PoolFeature.ZEROING, b -> b.zeroOnRelease(true)),
                setting("maxBuffers", PoolFeature.BOUNDED, b -> b.maxBuffers(4)),
                setting("memoryBudget", PoolFeature.BOUNDED, b -> b.memoryBudget(1 << 20)),
                setting("maxWait", PoolFeature.BLOCKING, b -> b.maxWait(Duration.ofSeconds(1))),
                setting("idleTimeout", PoolFeature.IDLE_TRIM, b -> b.idleTimeout(Duration.ofMinutes(1))),
                setting("maxIdleBytes", PoolFeature.IDLE_TRIM, b -> b.maxIdleBytes(1 << 20)),
                setting("leakDetection", PoolFeature.LEAK_DETECTION, b -> b.leakDetection(LeakDetection.SAMPLE)));
        return ContractKit.providers().flatMap(p -> settings.stream()
                .filter(s -> ContractKit.Applicability.lacking(s.getPayload().feature()).to(p.getPayload()))
                .map(s -> Arguments.of(p, s)));
    }

    private static Named<Setting> setting(String name, PoolFeature feature, UnaryOperator<PoolSpec.Builder<byte[]>> set) {
        return Named.of(name, new Setting(name, feature, set));
    }

    record Setting(String name, PoolFeature feature, UnaryOperator<PoolSpec.Builder<byte[]>> set) {
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndFeatureSettings")
    void aSettingTheProviderCannotHonourIsRefusedByName(BufferPoolProvider provider, Setting setting) {
        PoolSpec<byte[]> spec = setting.set().apply(fitted(provider)).build();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> provider.create(spec).close());
        assertTrue(refused.getMessage().contains(setting.name()), () -> "names the setting: " + refused.getMessage());
        assertTrue(refused.getMessage().contains(provider.name()), () -> "names the provider: " + refused.getMessage());
    }
}
