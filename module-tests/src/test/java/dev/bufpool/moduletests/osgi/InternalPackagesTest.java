package dev.bufpool.moduletests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The shared internals {@code dev.bufpool.core} and {@code dev.bufpool.idle} are exported with a
 * mandatory attribute, OSGi's nearest to a qualified export: a bundle that imports them plainly does
 * not resolve, one that names the attribute does, and the implementations are wired to them.
 */
class InternalPackagesTest {

    @TempDir
    Path storage;

    @TempDir
    Path jars;

    @Test
    void onlyABundleNamingTheAttributeIsWiredToTheInternalPackages() throws Exception {
        try (InProcessFelix felix = InProcessFelix.start(storage)) {
            Path slf4j = BuiltBundles.slf4jApiWithOptionalMediator(jars);
            List<Path> files = new ArrayList<>(List.of(slf4j, BuiltBundles.jar(BuiltBundles.CAFFEINE)));
            files.addAll(BuiltBundles.jars(BuiltBundles.PROJECT_JARS));
            felix.resolveAndStart(felix.install(files));

            for (String internal : List.of("dev.bufpool.core", "dev.bufpool.idle")) {
                Bundle plain = felix.install(List.of(importer(internal, ""))).get(0);
                Bundle friend = felix.install(List.of(importer(internal, ";bufpool-internal=true"))).get(0);
                FrameworkWiring wiring = felix.frameworkWiring();
                assertFalse(wiring.resolveBundles(List.of(plain)), () -> "a plain import of " + internal + " resolved");
                assertEquals(Bundle.INSTALLED, plain.getState());
                assertTrue(wiring.resolveBundles(List.of(friend)),
                        () -> "an import of " + internal + " with the attribute did not resolve");
            }
            assertTrue(importsFrom(felix.bundle("dev.bufpool.sharded"), "dev.bufpool.core", "dev.bufpool.core"));
            assertTrue(importsFrom(felix.bundle("dev.bufpool.sharded"), "dev.bufpool.idle", "dev.bufpool.idle"));
            assertTrue(importsFrom(felix.bundle("dev.bufpool.bounded"), "dev.bufpool.core", "dev.bufpool.core"));
        }
    }

    private static boolean importsFrom(Bundle bundle, String pkg, String exporter) {
        for (BundleWire wire : bundle.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package")) {
            if (pkg.equals(wire.getCapability().getAttributes().get("osgi.wiring.package"))) {
                return exporter.equals(wire.getProvider().getSymbolicName());
            }
        }
        return false;
    }

    /** A bundle of nothing but a manifest importing {@code pkg} with {@code parameters}. */
    private Path importer(String pkg, String parameters) throws IOException {
        String name = "importer." + pkg + (parameters.isEmpty() ? ".plain" : ".friend");
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", name);
        main.putValue("Import-Package", pkg + parameters);
        Path jar = jars.resolve(name + ".jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.flush();
        }
        return jar;
    }
}
