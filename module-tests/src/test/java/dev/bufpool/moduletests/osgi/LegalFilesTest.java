package dev.bufpool.moduletests.osgi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.bufpool.moduletests.ProjectRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every library jar as packaged carries the project's {@code LICENSE} and {@code NOTICE} in
 * {@code META-INF}, byte for byte, as the Apache License asks of a redistributed work.
 */
class LegalFilesTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jarsAndFiles")
    void everyLibraryJarCarriesTheProjectsLegalFile(String jarName, String legalFile) throws IOException {
        byte[] expected = Files.readAllBytes(ProjectRoot.file(legalFile));
        try (JarFile jar = new JarFile(BuiltBundles.jar(jarName).toFile())) {
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
