package dev.bufpool.moduletests;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a JDK of at least a given feature version to run a child JVM or a tool of on: the running one if new
 * enough, else one named by {@code JAVA21_HOME}, {@code JAVA25_HOME} or {@code JDK_HOME}-style
 * variables, else one in the usual install folders. Nothing is assumed: when none is found the
 * caller skips.
 */
public final class NewerJdk {

    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    private NewerJdk() {
    }

    /**
     * @param minFeature the least feature version, such as {@code 21}
     * @return the home of such a JDK, if one is found
     */
    public static Optional<Path> find(int minFeature) {
        if (Runtime.version().feature() >= minFeature) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        List<Path> candidates = new ArrayList<>();
        for (String variable : List.of("JAVA21_HOME", "JAVA25_HOME", "JDK21_HOME", "JDK25_HOME", "JAVA_HOME")) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                candidates.add(Path.of(value));
            }
        }
        for (String folder : List.of("/usr/lib/jvm", "/opt/java", "/usr/java",
                System.getProperty("user.home") + "/.sdkman/candidates/java")) {
            candidates.addAll(children(Path.of(folder)));
        }
        return candidates.stream().filter(home -> feature(home) >= minFeature).findFirst();
    }

    private static List<Path> children(Path folder) {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                entries.forEach(found::add);
            } catch (IOException e) {
                return found;
            }
        }
        found.sort(null);
        return found;
    }

    private static int feature(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin").resolve("java")) || !Files.isRegularFile(release)) {
            return -1;
        }
        try {
            Matcher m = VERSION.matcher(Files.readString(release));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
