package dev.bufpool.moduletests.osgi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.bufpool.moduletests.ProjectRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every library jar as packaged carries the project's {@code LICENSE} and {@code NOTICE} in
 * {@code META-INF}, byte for byte, as the Apache License asks of a redistributed work.
 */
class LegalFilesTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jarsAndFiles")
    void everyLibraryJarCarriesTheProjectsLegalFile(String jarName, String legalFile) throws IOException {
        assertCarries(BuiltBundles.jar(jarName), legalFile);
    }

    /**
     * The API's Javadoc jar, which every build makes (to check the Javadoc strictly), stands for
     * the Javadoc jars of the release profile: all get the legal files the same way.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"LICENSE", "NOTICE"})
    void theJavadocJarCarriesTheProjectsLegalFile(String legalFile) throws IOException {
        Path target = ProjectRoot.file("bufpool-api/target");
        Path javadocJar;
        try (Stream<Path> files = Files.list(target)) {
            javadocJar = files.filter(f -> f.getFileName().toString().endsWith("-javadoc.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Javadoc jar built in " + target));
        }
        assertCarries(javadocJar, legalFile);
    }

    private static void assertCarries(Path jarFile, String legalFile) throws IOException {
        String jarName = jarFile.getFileName().toString();
        byte[] expected = Files.readAllBytes(ProjectRoot.file(legalFile));
        try (JarFile jar = new JarFile(jarFile.toFile())) {
            JarEntry entry = jar.getJarEntry("META-INF/" + legalFile);
            assertNotNull(entry, () -> jarName + " has no META-INF/" + legalFile);
            try (InputStream in = jar.getInputStream(entry)) {
                assertArrayEquals(expected, in.readAllBytes(), () -> jarName + ": META-INF/" + legalFile
                        + " is not the project's " + legalFile);
            }
        }
    }

    static Stream<Arguments> jarsAndFiles() {
        return BuiltBundles.PROJECT_JARS.stream().flatMap(jar -> Stream.of("LICENSE", "NOTICE")
                .map(file -> Arguments.of(jar, file)));
    }
}
