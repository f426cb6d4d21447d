package dev.bufpool.moduletests.redeploy;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The library's jars as this JVM has them: taken from its module path and class path
 * ({@code jdk.module.path}, {@code java.class.path}), where a reactor build may give this project's
 * own modules as {@code target/classes} directories or as {@code target/*.jar}; a
 * {@link java.net.URLClassLoader} takes either. Public for the other test packages that load the
 * library on a class loader of their own (the README's snippets).
 */
public final class LibraryJars {

    /** What a web application that uses every provider and the stats decorator ships. */
    public static final List<String> EVERYTHING = List.of("bufpool-api", "bufpool-core", "bufpool-idle", "bufpool-sharded",
            "bufpool-sizeclass", "bufpool-bounded", "bufpool-stats", "caffeine", "slf4j-api", "slf4j-simple");

    private LibraryJars() {
    }

    /**
     * @param artifacts artifact ids
     * @return one path for each, in the same order
     * @throws IllegalStateException naming what is missing, if one is on neither path
     */
    public static List<Path> find(List<String> artifacts) {
        List<Path> entries = Stream.of("jdk.module.path", "java.class.path")
                .map(System::getProperty).filter(p -> p != null && !p.isEmpty())
                .flatMap(p -> Stream.of(p.split(File.pathSeparator))).map(Path::of).collect(Collectors.toList());
        List<Path> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String artifact : artifacts) {
            Optional<Path> entry = entries.stream().filter(e -> isOf(e, artifact)).findFirst();
            entry.ifPresentOrElse(found::add, () -> missing.add(artifact));
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not on this JVM's module path or class path: " + missing + "; entries: " + entries);
        }
        return found;
    }

    /**
     * @param paths jars or class directories
     * @return their URLs, in the same order, for a {@link java.net.URLClassLoader}
     */
    public static URL[] urls(List<Path> paths) {
        URL[] urls = new URL[paths.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = paths.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("not a URL: " + paths.get(i), e);
            }
        }
        return urls;
    }

    /** A jar named {@code <artifact>-<version>.jar}, or a reactor module's {@code <artifact>/target/classes}. */
    private static boolean isOf(Path entry, String artifact) {
        String name = entry.getFileName().toString();
        if (Files.isDirectory(entry)) {
            Path target = entry.getParent();
            return name.equals("classes") && target != null && target.getParent() != null
                    && target.getParent().getFileName().toString().equals(artifact);
        }
        return name.endsWith(".jar") && name.startsWith(artifact + "-")
                && Character.isDigit(name.charAt(artifact.length() + 1));
    }
}
