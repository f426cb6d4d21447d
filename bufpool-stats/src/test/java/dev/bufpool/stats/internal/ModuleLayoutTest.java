package dev.bufpool.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.spi.PoolDecorator;
import dev.bufpool.stats.StatsBufferPool;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the jar offers: one exported package, the decorator both as a module service and in META-INF. */
class ModuleLayoutTest {

    private final Module module = StatsBufferPool.class.getModule();

    @Test
    void onlyTheStatsPackageIsExported() {
        ModuleDescriptor descriptor = module.getDescriptor();
        assertNotNull(descriptor, "the tests run on the module path");
        assertEquals("dev.bufpool.stats", descriptor.name());
        Set<String> exported = descriptor.exports().stream()
                .peek(e -> assertTrue(e.targets().isEmpty(), e::toString))
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(Set.of("dev.bufpool.stats"), exported);
        assertTrue(descriptor.opens().isEmpty());
    }

    @Test
    void theDecoratorIsProvidedAsAModuleService() {
        List<ModuleDescriptor.Provides> provides = List.copyOf(module.getDescriptor().provides());
        assertEquals(1, provides.size());
        assertEquals(PoolDecorator.class.getName(), provides.get(0).service());
        assertEquals(List.of(StatsPoolDecorator.class.getName()), provides.get(0).providers());
    }

    @Test
    void theJarNamesTheDecoratorForTheClassPathToo() throws IOException {
        try (InputStream in = module.getResourceAsStream("META-INF/services/" + PoolDecorator.class.getName())) {
            assertNotNull(in);
            assertEquals(StatsPoolDecorator.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }
}
