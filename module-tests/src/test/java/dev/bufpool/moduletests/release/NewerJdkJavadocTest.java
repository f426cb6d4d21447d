package dev.bufpool.moduletests.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.moduletests.NewerJdk;
import dev.bufpool.moduletests.ProjectRoot;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public Javadoc, checked by the doclint of a JDK newer than the one running the build, when
 * one is found. Doclint gains checks from release to release (JDK 18 began to report a comment that
 * holds only block tags: "no main description"), and the api and stats builds turn its warnings
 * into errors, as the api's Javadoc jar does: a comment JDK 17 accepts stopped the build on JDK 25.
 * One run of the newer JDK's {@code javadoc -Xdoclint:all -Werror} over every package users read;
 * none where no newer JDK is found (the build's own doclint then is the newest there is).
 */
class NewerJdkJavadocTest {

    /** Each library module's public packages, by the module's folder. */
    private static final Map<String, List<String>> PUBLIC_PACKAGES = Map.of(
            "bufpool-api", List.of("dev.bufpool", "dev.bufpool.spi"),
            "bufpool-stats", List.of("dev.bufpool.stats"),
            "bufpool-sharded", List.of("dev.bufpool.sharded"),
            "bufpool-sizeclass", List.of("dev.bufpool.sizeclass"),
            "bufpool-bounded", List.of("dev.bufpool.bounded"));

    private static final long BOUND_SECONDS = 300;

    @TempDir
    Path out;

    /** A JDK newer than the running one, with its javadoc tool, if this machine has one; else none. */
    static Stream<Named<Path>> newerJdk() {
        return NewerJdk.find(Runtime.version().feature() + 1)
                .filter(home -> Files.isExecutable(home.resolve("bin").resolve("javadoc")))
                .map(home -> Named.of("javadoc of " + home, home)).stream();
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("newerJdk")
    void theDoclintOfANewerJdkFindsNothingInThePublicJavadoc(Path jdk) throws Exception {
        Path javadoc = jdk.resolve("bin").resolve("javadoc");
        List<String> command = new ArrayList<>(List.of(javadoc.toString(), "--release", "17", "-Xdoclint:all",
                "-Werror", "-quiet", "-notimestamp", "-d", out.resolve("api").toString(), "-classpath", classPath()));
        command.addAll(publicSources());
        Path log = out.resolve("javadoc.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, () -> "javadoc ran past " + BOUND_SECONDS + " s:\n" + printed);
        assertEquals(0, process.exitValue(), () -> javadoc + " failed:\n" + printed);
        assertFalse(printed.contains("warning"), () -> javadoc + " warned:\n" + printed);
    }

    /** Every source file of the public packages, named one by one: the modules' own descriptors stay out. */
    private static List<String> publicSources() throws IOException {
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, List<String>> module : PUBLIC_PACKAGES.entrySet()) {
            for (String pkg : module.getValue()) {
                Path dir = ProjectRoot.file(module.getKey() + "/src/main/java/" + pkg.replace('.', '/'));
                try (Stream<Path> entries = Files.list(dir)) {
                    entries.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().forEach(files::add);
                }
            }
        }
        return files;
    }

    /** The jars this test runs with (every library module and its dependencies), for the references. */
    private static String classPath() {
        return Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""))
                .flatMap(path -> Stream.of(path.split(File.pathSeparator)))
                .filter(entry -> !entry.isBlank())
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }
}
