package dev.bufpool.sizeclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.spi.BufferPoolProvider;
import dev.bufpool.sizeclass.internal.SizeClassPoolProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module exports only its pool package and offers its provider both ways. */
class ModuleShapeTest {

    private static final String SERVICE = BufferPoolProvider.class.getName();

    @Test
    void theModuleExportsOnlyThePoolPackage() {
        Module module = SizeClassBufferPool.class.getModule();
        assertEquals("dev.bufpool.sizeclass", module.getName(), "tests run on the module path");
        ModuleDescriptor descriptor = module.getDescriptor();
        Set<String> exports = descriptor.exports().stream()
                .map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.bufpool.sizeclass"), exports);
    }

    @Test
    void theProviderIsDeclaredInModuleInfoAndInMetaInfServices() throws IOException {
        ModuleDescriptor descriptor = SizeClassBufferPool.class.getModule().getDescriptor();
        assertTrue(descriptor.provides().stream().anyMatch(p -> p.service().equals(SERVICE)
                && p.providers().equals(List.of(SizeClassPoolProvider.class.getName()))), descriptor::toString);
        try (InputStream in = SizeClassBufferPool.class.getModule().getResourceAsStream("META-INF/services/" + SERVICE)) {
            String listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(SizeClassPoolProvider.class.getName(), listed);
        }
    }
}
