package dev.bufpool.bounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pool is found as provider "bounded", with exactly its features, and shows only its API. */
class ProviderTest {

    @Test
    void discoveryFindsTheBoundedProviderWithItsFeaturesAndLowestPriority() {
        BufferPoolProvider provider = BufferPools.provider("bounded");
        assertEquals("bounded", provider.name());
        assertEquals(10, provider.priority());
        assertEquals(EnumSet.of(PoolFeature.BOUNDED, PoolFeature.BLOCKING, PoolFeature.SHARING, PoolFeature.IDLE_TRIM,
                PoolFeature.LEAK_DETECTION),
                provider.features());
    }

    @Test
    void aSpecThatAsksForBlockingGetsABoundedPool() {
        PoolSpec<byte[]> spec = PoolSpec.builder(BufferTypes.BYTE_ARRAY).name("blocking").maxBuffers(2)
                .bufferCapacity(512).maxWait(Duration.ofSeconds(1)).build();
        try (BufferPool<byte[]> pool = BufferPools.create(spec)) {
            BoundedBufferPool<?> bounded = assertInstanceOf(BoundedBufferPool.class, pool);
            assertEquals("blocking", bounded.name());
            assertEquals(2, bounded.size());
            try (Lease<byte[]> lease = pool.acquire(512)) {
                assertEquals(512, lease.capacity());
            }
        }
    }

    @Test
    void theModuleExportsOnlyItsApiAndProvidesTheProvider() throws IOException {
        Module module = BoundedBufferPool.class.getModule();
        assumeTrue(module.isNamed(), "run on the class path: no module descriptor to check");
        ModuleDescriptor descriptor = module.getDescriptor();
        assertEquals("dev.bufpool.bounded", descriptor.name());
        Set<String> exports = descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(Set.of("dev.bufpool.bounded"), exports);
        assertTrue(descriptor.provides().stream().anyMatch(p -> p.service().equals(BufferPoolProvider.class.getName())
                && p.providers().equals(java.util.List.of("dev.bufpool.bounded.internal.BoundedPoolProvider"))));
        try (InputStream services = module.getResourceAsStream("META-INF/services/" + BufferPoolProvider.class.getName())) {
            assertNotNull(services, "META-INF/services entry for class-path users");
            assertEquals("dev.bufpool.bounded.internal.BoundedPoolProvider",
                    new String(services.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }
}
