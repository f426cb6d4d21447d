package dev.bufpool.moduletests.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.moduletests.ProjectRoot;
import dev.bufpool.moduletests.redeploy.LibraryJars;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the README, compiled against the library's real jars, so that no
 * snippet can rot: a module declaration against the module path; statements wrapped in a
 * {@code main} method, compiled on the class path and run there on a class loader of their own
 * (the thread's context loader while they run, as in a class-path application); a whole type is
 * compiled too, and must be the tested example file it quotes, word for word after the package
 * line. A comment {@code // prints <text>} in a statement block is checked: the block must print
 * that text.
 */
class ReadmeSnippetsTest {

    private static final String OPENING = "```java";
    /** Where the examples a README block quotes are kept and tested. */
    private static final String EXAMPLES = "module-tests/src/test/java";
    private static final String PRINTS = "// prints ";

    @TempDir
    Path dir;

    @TestFactory
    List<DynamicTest> everyJavaBlockOfTheReadmeCompilesAndEveryStatementBlockRuns() throws IOException {
        Path readme = ProjectRoot.file("README.md");
        List<JavaBlock> blocks = JavaBlock.in(readme);
        long opened = Files.readAllLines(readme).stream().filter(l -> l.strip().equals(OPENING)).count();
        assertEquals(opened, blocks.size(), "every block opened is read");
        Set<JavaBlock.Kind> kinds = EnumSet.noneOf(JavaBlock.Kind.class);
        blocks.forEach(b -> kinds.add(b.kind()));
        assertEquals(EnumSet.allOf(JavaBlock.Kind.class), kinds, () -> "blocks: " + blocks);
        List<DynamicTest> tests = new ArrayList<>();
        for (JavaBlock block : blocks) {
            tests.add(DynamicTest.dynamicTest(block.toString(), () -> check(block, readme.toAbsolutePath().getParent())));
        }
        return tests;
    }

    private void check(JavaBlock block, Path project) throws Exception {
        Path source = Files.createDirectories(dir.resolve("line-" + block.line()).resolve("src"));
        Path classes = Files.createDirectories(source.resolveSibling("classes"));
        switch (block.kind()) {
            case MODULE -> Javac.compile(block.toString(), write(source, "module-info", block.code()),
                    "-d", classes.toString(), "--module-path", path(LibraryJars.EVERYTHING));
            case TYPE -> {
                Javac.compile(block.toString(), write(source, block.typeName(), block.code()),
                        "-d", classes.toString(), "-cp", path(compileClassPath()));
                assertQuotesItsExample(block, project);
            }
            case STATEMENTS -> {
                String main = "ReadmeLine" + block.line();
                Javac.compile(block.toString(), write(source, main, wrapped(block, main)),
                        "-d", classes.toString(), "-cp", path(LibraryJars.EVERYTHING));
                String printed = run(classes, main);
                for (String line : block.code().lines().map(String::strip).filter(l -> l.startsWith(PRINTS)).toList()) {
                    String expected = line.substring(PRINTS.length());
                    assertTrue(printed.contains(expected), () -> block + " says it prints " + expected + "; it printed:\n"
                            + printed);
                }
            }
        }
    }

    /** The block's statements as the body of {@code main} in a class of their own. */
    private static String wrapped(JavaBlock block, String className) {
        String body = block.withoutImports().lines().map(l -> l.isEmpty() ? l : "        " + l)
                .collect(Collectors.joining("\n"));
        return block.imports() + "\npublic final class " + className + " {\n"
                + "    public static void main(String[] args) throws Exception {\n" + body + "\n    }\n}\n";
    }

    /**
     * Runs the compiled snippet with the library's jars, on a loader that sees nothing of this JVM's
     * copy, and gives what it printed to {@code System.out} (also printed as it runs).
     */
    private static String run(Path classes, String className) throws Exception {
        List<URL> urls = new ArrayList<>(List.of(classes.toUri().toURL()));
        urls.addAll(List.of(LibraryJars.urls(LibraryJars.find(LibraryJars.EVERYTHING))));
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new TeeStream(out, printed), true, StandardCharsets.UTF_8));
        try (URLClassLoader application = new URLClassLoader("readme", urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(application);
            Method main = application.loadClass(className).getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
            System.out.flush();
            return printed.toString(StandardCharsets.UTF_8);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            System.setOut(out);
            thread.setContextClassLoader(before);
        }
    }

    /** A type the README shows is an example kept and tested in {@value #EXAMPLES}: the block is that file. */
    private static void assertQuotesItsExample(JavaBlock block, Path project) throws IOException {
        String file = block.typeName() + ".java";
        List<Path> examples;
        try (Stream<Path> walk = Files.walk(project.resolve(EXAMPLES))) {
            examples = walk.filter(p -> p.getFileName().toString().equals(file)).toList();
        }
        assertEquals(1, examples.size(), () -> block + " declares " + block.typeName() + ": the README quotes one file"
                + " of " + EXAMPLES + ", found " + examples);
        String example = Files.readString(examples.get(0));
        String withoutPackage = example.substring(example.indexOf(";\n") + 2).stripLeading();
        assertEquals(withoutPackage, block.code(), () -> block + " is not the text of " + examples.get(0));
    }

    /** Writes to two streams: the test's own output, and a copy for the check. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }

    private static List<String> compileClassPath() {
        List<String> artifacts = new ArrayList<>(LibraryJars.EVERYTHING);
        artifacts.add("jakarta.servlet-api");
        return artifacts;
    }

    private static String path(List<String> artifacts) {
        return LibraryJars.find(artifacts).stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static Path write(Path dir, String name, String code) throws IOException {
        return Files.writeString(dir.resolve(name + ".java"), code);
    }
}
