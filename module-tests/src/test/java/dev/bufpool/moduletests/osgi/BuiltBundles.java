package dev.bufpool.moduletests.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The jars the build copied for these tests (execution {@code osgi-bundles} of module-tests, at
 * {@code package}): this project's seven bundles as packaged, named {@code bufpool-<name>.jar}, and
 * the third-party bundles, all without versions in their file names.
 */
final class BuiltBundles {

    /** The system property naming the directory; set by the surefire execution {@code osgi}. */
    static final String DIRECTORY_PROPERTY = "bufpool.osgi.bundles";

    /** This project's library jars, one per JPMS module and OSGi bundle. */
    static final List<String> PROJECT_JARS = List.of("bufpool-api.jar", "bufpool-core.jar", "bufpool-idle.jar",
            "bufpool-sharded.jar", "bufpool-sizeclass.jar", "bufpool-bounded.jar", "bufpool-stats.jar");

    /** The Service Loader Mediator and what it needs. */
    static final List<String> MEDIATOR_JARS = List.of("org.apache.aries.spifly.dynamic.bundle.jar", "asm.jar",
            "asm-commons.jar", "asm-util.jar", "asm-tree.jar", "asm-analysis.jar");

    static final String SLF4J_API = "slf4j-api.jar";
    static final String SLF4J_SIMPLE = "slf4j-simple.jar";
    static final String CAFFEINE = "caffeine.jar";

    private BuiltBundles() {
    }

    static Path directory() {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        if (directory == null) {
            throw new IllegalStateException("system property " + DIRECTORY_PROPERTY
                    + " is not set: these tests run in module-tests' surefire execution osgi (mvn verify)");
        }
        return Path.of(directory);
    }

    static Path jar(String fileName) {
        Path jar = directory().resolve(fileName);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("not copied by execution osgi-bundles: " + jar);
        }
        return jar;
    }

    static List<Path> jars(List<String> fileNames) {
        return fileNames.stream().map(BuiltBundles::jar).toList();
    }

    /** @return the names of the project's jars found in the directory, to catch one the tests do not know */
    static List<String> projectJarsPresent() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("bufpool-") && n.endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Attributes manifest(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                throw new IllegalStateException("no manifest in " + jar);
            }
            return manifest.getMainAttributes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of slf4j-api, in {@code directory}, with {@code resolution:=optional} on each Service
     * Loader Mediator requirement of its manifest: SLF4J 2.0.x requires a mediator, not optionally,
     * so without one it stands in for an {@code org.slf4j} exporter that does not (a logging
     * service's, for example).
     */
    static Path slf4jApiWithOptionalMediator(Path directory) throws IOException {
        Path copy = directory.resolve(SLF4J_API);
        try (JarFile in = new JarFile(jar(SLF4J_API).toFile());
                OutputStream file = Files.newOutputStream(copy)) {
            Manifest manifest = new Manifest(in.getManifest());
            Attributes main = manifest.getMainAttributes();
            String required = main.getValue("Require-Capability");
            String optional = Headers.rawClauses(required).stream()
                    .map(c -> c.startsWith("osgi.extender") || c.startsWith("osgi.serviceloader")
                            ? c + ";resolution:=optional" : c)
                    .collect(Collectors.joining(","));
            if (!optional.contains("resolution:=optional")) {
                throw new IllegalStateException("no mediator requirement in " + required);
            }
            main.putValue("Require-Capability", optional);
            try (JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements();) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equals(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream content = in.getInputStream(entry)) {
                        content.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return copy;
    }
}
