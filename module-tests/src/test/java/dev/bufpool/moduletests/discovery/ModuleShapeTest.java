package dev.bufpool.moduletests.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bufpool.BufferPools;
import dev.bufpool.spi.BufferPoolProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The modules export what users type and hide the rest; each provider is offered both ways. */
class ModuleShapeTest {

    private static final String SERVICE = BufferPoolProvider.class.getName();

    @BeforeEach
    void onTheModulePath() {
        assumeTrue(getClass().getModule().isNamed(), "module shapes exist on the module path only");
    }

    static Stream<Named<BufferPoolProvider>> providers() {
        return BufferPools.providers().stream().map(p -> Named.of(p.name(), p));
    }

    @Test
    void thisModuleReadsTheApiAndNoImplementation() {
        Set<String> requires = getClass().getModule().getDescriptor().requires().stream()
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        // java.management for the platform's buffer pool beans (direct memory), a JDK module.
        assertEquals(Set.of("java.base", "java.management", "dev.bufpool.api"), requires);
    }

    @Test
    void theApiExportsItsTwoPackagesToEveryoneAndNothingElse() {
        ModuleDescriptor api = BufferPools.class.getModule().getDescriptor();
        assertEquals(Set.of("dev.bufpool", "dev.bufpool.spi"), unqualifiedExports(api));
        assertTrue(api.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified), "qualified exports");
        assertEquals(Set.of(SERVICE, "dev.bufpool.spi.PoolDecorator"), api.uses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void eachProviderIsOfferedByModuleAndByServiceFileFromAPackageItDoesNotExport(BufferPoolProvider provider)
            throws IOException {
        Class<?> type = provider.getClass();
        Module module = type.getModule();
        assertTrue(module.isNamed(), () -> provider.name() + " is not in a named module");
        ModuleDescriptor descriptor = module.getDescriptor();
        assertTrue(descriptor.provides().stream().anyMatch(
                p -> p.service().equals(SERVICE) && p.providers().contains(type.getName())),
                () -> module.getName() + " does not declare provides " + SERVICE + " with " + type.getName());
        assertFalse(module.isExported(type.getPackageName()), () -> "the provider's package is exported: " + type);
        Set<String> exported = unqualifiedExports(descriptor);
        assertEquals(1, exported.size(), () -> module.getName() + " exports " + exported);
        assertTrue(exported.stream().noneMatch(p -> p.contains("internal")), () -> "exports " + exported);
        try (InputStream services = module.getResourceAsStream("META-INF/services/" + SERVICE)) {
            assertNotNull(services, () -> module.getName() + " carries no META-INF/services/" + SERVICE);
            String listed = new String(services.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(listed.lines().map(String::strip).anyMatch(type.getName()::equals),
                    () -> "META-INF/services lists: " + listed);
        }
    }

    @Test
    void theShardedModuleExportsItsPoolForDirectUse() {
        Module sharded = BufferPools.provider("sharded").getClass().getModule();
        assertEquals("dev.bufpool.sharded", sharded.getName());
        assertEquals(Set.of("dev.bufpool.sharded"), unqualifiedExports(sharded.getDescriptor()));
        Class<?> pool = Class.forName(sharded, "dev.bufpool.sharded.ShardedBufferPool");
        assertNotNull(pool, "dev.bufpool.sharded.ShardedBufferPool");
        assertTrue(Modifier.isPublic(pool.getModifiers()), "ShardedBufferPool is public");
    }

    private static Set<String> unqualifiedExports(ModuleDescriptor descriptor) {
        return descriptor.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }
}
