package dev.bufpool.moduletests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each library jar as built: its module descriptor exports and provides exactly what this table
 * says, its bundle manifest exports exactly the same packages (the module's qualified exports with
 * a mandatory attribute, as OSGi has no qualified export), offers the same services to the Service
 * Loader Mediator, and needs no mediator to resolve. An export added by accident fails here.
 */
class BundleShapeTest {

    private static final String PROVIDER = "dev.bufpool.spi.BufferPoolProvider";
    private static final String DECORATOR = "dev.bufpool.spi.PoolDecorator";
    private static final Set<String> EVERYONE = Set.of();
    private static final String INTERNAL = "bufpool-internal";

    /**
     * What one jar holds.
     *
     * @param exports each exported package and the modules it is exported to; empty for everyone
     * @param provides each service and its provider class
     */
    record Shape(String jar, String module, Map<String, Set<String>> exports, Map<String, String> provides,
            Set<String> uses) {
    }

    static final List<Shape> SHAPES = List.of(
            new Shape("bufpool-api.jar", "dev.bufpool.api",
                    Map.of("dev.bufpool", EVERYONE, "dev.bufpool.spi", EVERYONE), Map.of(),
                    Set.of(PROVIDER, DECORATOR)),
            new Shape("bufpool-core.jar", "dev.bufpool.core",
                    Map.of("dev.bufpool.core", Set.of("dev.bufpool.idle", "dev.bufpool.sharded",
                            "dev.bufpool.sizeclass", "dev.bufpool.bounded")), Map.of(), Set.of()),
            new Shape("bufpool-idle.jar", "dev.bufpool.idle",
                    Map.of("dev.bufpool.idle", Set.of("dev.bufpool.sharded", "dev.bufpool.sizeclass")), Map.of(),
                    Set.of()),
            new Shape("bufpool-sharded.jar", "dev.bufpool.sharded", Map.of("dev.bufpool.sharded", EVERYONE),
                    Map.of(PROVIDER, "dev.bufpool.sharded.internal.ShardedPoolProvider"), Set.of()),
            new Shape("bufpool-sizeclass.jar", "dev.bufpool.sizeclass", Map.of("dev.bufpool.sizeclass", EVERYONE),
                    Map.of(PROVIDER, "dev.bufpool.sizeclass.internal.SizeClassPoolProvider"), Set.of()),
            new Shape("bufpool-bounded.jar", "dev.bufpool.bounded", Map.of("dev.bufpool.bounded", EVERYONE),
                    Map.of(PROVIDER, "dev.bufpool.bounded.internal.BoundedPoolProvider"), Set.of()),
            new Shape("bufpool-stats.jar", "dev.bufpool.stats", Map.of("dev.bufpool.stats", EVERYONE),
                    Map.of(DECORATOR, "dev.bufpool.stats.internal.StatsPoolDecorator"), Set.of()));

    static Stream<Named<Shape>> shapes() {
        return SHAPES.stream().map(s -> Named.of(s.module(), s));
    }

    @Test
    void everyLibraryJarIsInTheTable() {
        assertEquals(SHAPES.stream().map(Shape::jar).sorted().toList(), BuiltBundles.projectJarsPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void theModuleExportsExactlyItsPackagesAndProvidesItsServices(Shape shape) throws IOException {
        ModuleDescriptor descriptor = descriptor(shape);
        assertFalse(descriptor.isAutomatic(), "module-info.class is gone: an automatic module");
        assertEquals(shape.module(), descriptor.name());
        Map<String, Set<String>> exports = descriptor.exports().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Exports::source, ModuleDescriptor.Exports::targets));
        assertEquals(new TreeMap<>(shape.exports()), new TreeMap<>(exports), "exports");
        assertTrue(descriptor.opens().isEmpty(), () -> "opens " + descriptor.opens());
        Map<String, List<String>> provides = descriptor.provides().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Provides::service, ModuleDescriptor.Provides::providers));
        assertEquals(shape.provides().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))), provides, "provides");
        assertEquals(shape.uses(), descriptor.uses(), "uses");
        assertEquals(classPackages(jar(shape)), descriptor.packages(), "the descriptor's packages are the jar's");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void theBundleExportsWhatTheModuleExportsAndNothingElse(Shape shape) {
        Attributes manifest = BuiltBundles.manifest(jar(shape));
        assertEquals("2", manifest.getValue("Bundle-ManifestVersion"));
        assertEquals(shape.module(), Headers.parse(manifest.getValue("Bundle-SymbolicName")).get(0).name(),
                "Bundle-SymbolicName");
        String version = packageVersion(manifest.getValue("Bundle-Version"));
        List<Headers.Clause> exports = Headers.parse(manifest.getValue("Export-Package"));
        assertEquals(shape.exports().keySet(), exports.stream().map(Headers.Clause::name).collect(Collectors.toSet()),
                "Export-Package");
        for (Headers.Clause export : exports) {
            assertEquals(Optional.of(version), export.attribute("version"), () -> "version of " + export);
            boolean qualified = !shape.exports().get(export.name()).isEmpty();
            if (qualified) {
                assertEquals(Optional.of("true"), export.attribute(INTERNAL), () -> "internal attribute of " + export);
                assertEquals(Optional.of(INTERNAL), export.directive("mandatory"), () -> "mandatory of " + export);
            } else {
                assertEquals(Optional.empty(), export.attribute(INTERNAL), () -> "internal attribute of " + export);
                assertEquals(Optional.empty(), export.directive("mandatory"), () -> "mandatory of " + export);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void theBundleImportsInternalsWithTheirAttributeAndItsLibrariesInRange(Shape shape) {
        Attributes manifest = BuiltBundles.manifest(jar(shape));
        for (Headers.Clause imported : Headers.parse(manifest.getValue("Import-Package"))) {
            String name = imported.name();
            if (name.equals("dev.bufpool.core") || name.equals("dev.bufpool.idle")) {
                assertEquals(Optional.of("true"), imported.attribute(INTERNAL), () -> "import of " + imported);
            } else if (name.startsWith("org.slf4j")) {
                assertEquals(Optional.of("[2,3)"), imported.attribute("version"), () -> "import of " + imported);
            } else if (name.startsWith("com.github.benmanes.caffeine")) {
                assertEquals("dev.bufpool.idle", shape.module(), () -> "only the idle reserve uses " + imported);
                assertEquals(Optional.of("[3,4)"), imported.attribute("version"), () -> "import of " + imported);
            }
            assertEquals(Optional.empty(), imported.directive("resolution"), () -> "import of " + imported);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void theBundleOffersTheModulesServicesToTheMediatorAndResolvesWithoutOne(Shape shape) throws IOException {
        Attributes manifest = BuiltBundles.manifest(jar(shape));
        Map<String, String> offered = Headers.parse(manifest.getValue("Provide-Capability")).stream()
                .filter(c -> c.name().equals("osgi.serviceloader"))
                .collect(Collectors.toMap(c -> c.attribute("osgi.serviceloader").orElseThrow(),
                        c -> c.directive("register").orElseThrow()));
        assertEquals(shape.provides(), offered, "osgi.serviceloader capabilities");
        List<Headers.Clause> required = Headers.parse(manifest.getValue("Require-Capability"));
        List<Headers.Clause> mediator = required.stream()
                .filter(c -> c.name().equals("osgi.extender") || c.name().equals("osgi.serviceloader")).toList();
        for (Headers.Clause requirement : mediator) {
            assertEquals(Optional.of("optional"), requirement.directive("resolution"),
                    () -> "not optional: " + requirement);
        }
        assertEquals(!shape.provides().isEmpty(),
                mediator.stream().anyMatch(c -> filter(c).contains("osgi.serviceloader.registrar")),
                "requires the registrar exactly when it provides a service");
        assertEquals(!shape.uses().isEmpty(),
                mediator.stream().anyMatch(c -> filter(c).contains("osgi.serviceloader.processor")),
                "requires the processor exactly when it uses a service");
        for (String service : shape.uses()) {
            assertTrue(mediator.stream().anyMatch(c -> c.name().equals("osgi.serviceloader")
                    && filter(c).equals("(osgi.serviceloader=" + service + ")")
                    && c.directive("cardinality").equals(Optional.of("multiple"))),
                    () -> "no osgi.serviceloader requirement for every " + service + " in " + mediator);
        }
        try (JarFile jar = new JarFile(jar(shape).toFile())) {
            for (Map.Entry<String, String> service : shape.provides().entrySet()) {
                JarEntry entry = jar.getJarEntry("META-INF/services/" + service.getKey());
                assertNotNull(entry, () -> "no META-INF/services/" + service.getKey());
                try (InputStream in = jar.getInputStream(entry)) {
                    String listed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(listed.lines().map(String::strip).anyMatch(service.getValue()::equals),
                            () -> "META-INF/services lists: " + listed);
                }
            }
        }
    }

    private static String filter(Headers.Clause clause) {
        return clause.directive("filter").orElse("");
    }

    /** 0.1.0 for a bundle version 0.1.0.SNAPSHOT: packages carry the release without qualifier. */
    private static String packageVersion(String bundleVersion) {
        String[] parts = bundleVersion.split("\\.");
        return parts[0] + "." + parts[1] + "." + parts[2];
    }

    private static Path jar(Shape shape) {
        return BuiltBundles.jar(shape.jar());
    }

    private static ModuleDescriptor descriptor(Shape shape) {
        List<ModuleReference> found = List.copyOf(ModuleFinder.of(jar(shape)).findAll());
        assertEquals(1, found.size(), () -> "modules in " + shape.jar());
        return found.get(0).descriptor();
    }

    private static Set<String> classPackages(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class") && n.contains("/") && !n.startsWith("META-INF/"))
                    .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.'))
                    .collect(Collectors.toSet());
        }
    }
}
