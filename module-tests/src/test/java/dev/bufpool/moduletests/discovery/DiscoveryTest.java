package dev.bufpool.moduletests.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Discovery as a consumer sees it: this module requires the API only, and the implementations are
 * found through ServiceLoader. The build runs this class twice, on the module path and on the class
 * path, and tells it which through the system property {@value #LAYOUT_PROPERTY}.
 */
class DiscoveryTest {

    static final String LAYOUT_PROPERTY = "bufpool.test.layout";
    private static final String MODULE_PATH = "module-path";

    private static boolean onModulePath() {
        return MODULE_PATH.equals(System.getProperty(LAYOUT_PROPERTY));
    }

    @Test
    void runsInTheLayoutTheBuildAskedFor() {
        String layout = System.getProperty(LAYOUT_PROPERTY);
        assumeTrue(layout != null, LAYOUT_PROPERTY + " not set: not run by the build");
        Module self = getClass().getModule();
        Module api = BufferPools.class.getModule();
        if (onModulePath()) {
            assertEquals("dev.bufpool.moduletests", self.getName());
            assertEquals("dev.bufpool.api", api.getName());
        } else {
            assertEquals("class-path", layout);
            assertFalse(self.isNamed(), "on the class path the tests are in the unnamed module");
            assertFalse(api.isNamed(), "on the class path the API is in the unnamed module");
        }
    }

    @Test
    void theShardedProviderIsFoundThroughServiceLoader() {
        List<String> names = BufferPools.providers().stream().map(BufferPoolProvider::name).toList();
        assertTrue(names.contains("sharded"), () -> "providers found: " + names);
        BufferPoolProvider sharded = BufferPools.provider("sharded");
        assertEquals("sharded", sharded.name());
        assertTrue(sharded.features().contains(PoolFeature.SHARDED), () -> "features: " + sharded.features());
        assertSame(sharded, BufferPools.providers().get(names.indexOf("sharded")), "discovered once");
        Module module = sharded.getClass().getModule();
        if (onModulePath()) {
            assertEquals("dev.bufpool.sharded", module.getName());
        } else {
            assertFalse(module.isNamed(), () -> "a provider on the class path in " + module);
        }
    }

    @Test
    void providersAreListedBestFirst() {
        List<BufferPoolProvider> providers = BufferPools.providers();
        for (int i = 1; i < providers.size(); i++) {
            BufferPoolProvider before = providers.get(i - 1);
            BufferPoolProvider after = providers.get(i);
            assertTrue(before.priority() > after.priority()
                    || before.priority() == after.priority() && before.name().compareTo(after.name()) < 0,
                    () -> "out of order: " + before.name() + " before " + after.name());
        }
    }

    @Test
    void aSpecNamingNoProviderGetsTheBestProviderWithItsFeatures() {
        PoolSpec<byte[]> plain = PoolSpec.builder(BufferTypes.BYTE_ARRAY).name("picked").build();
        PoolSpec<byte[]> sharded = PoolSpec.builder(BufferTypes.BYTE_ARRAY).require(PoolFeature.SHARDED).build();
        for (PoolSpec<byte[]> spec : List.of(plain, sharded)) {
            BufferPoolProvider best = BufferPools.providers().stream()
                    .filter(p -> p.features().containsAll(spec.features())).findFirst().orElseThrow();
            try (BufferPool<byte[]> picked = BufferPools.create(spec); BufferPool<byte[]> direct = best.create(spec)) {
                assertEquals(direct.getClass(), picked.getClass(), () -> "not the pool of " + best.name());
                assertEquals(spec.name(), picked.name());
                assertSame(BufferTypes.BYTE_ARRAY, picked.type());
                try (Lease<byte[]> lease = picked.acquire(4000)) {
                    assertTrue(lease.buffer().length >= 4000);
                }
            }
        }
    }

    @Test
    void anUnknownProviderIsRefusedWithTheListOfThoseFound() {
        IllegalStateException byName = assertThrows(IllegalStateException.class,
                () -> BufferPools.provider("no-such-pool"));
        PoolSpec<byte[]> spec = PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("no-such-pool").build();
        IllegalStateException bySpec = assertThrows(IllegalStateException.class, () -> BufferPools.create(spec));
        for (IllegalStateException e : List.of(byName, bySpec)) {
            assertTrue(e.getMessage().contains("no-such-pool") && e.getMessage().contains("sharded"), e::getMessage);
        }
    }

    @Test
    void theGlobalPoolsWorkAndRefuseToBeClosed() {
        BufferPool<byte[]> bytes = BufferPools.bytes();
        BufferPool<float[]> floats = BufferPools.floats();
        assertSame(bytes, BufferPools.bytes());
        assertSame(floats, BufferPools.floats());
        assertThrows(UnsupportedOperationException.class, bytes::close);
        assertThrows(UnsupportedOperationException.class, floats::close);
        try (Lease<byte[]> b = bytes.acquire(1500); Lease<float[]> f = floats.acquire(48_000)) {
            assertTrue(b.buffer().length >= 1500);
            assertTrue(f.buffer().length >= 48_000);
        }
        assertTrue(bytes.stats().idleBuffers() >= 0, "idle figures are tracked");
    }
}
