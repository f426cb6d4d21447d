package dev.bufpool.moduletests.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * The JDK's compiler, reached through {@link ToolProvider} (in {@code java.base}), so that the test
 * module needs no {@code requires java.compiler}. Every warning is an error: a README snippet must
 * compile as cleanly as the project's own code.
 */
final class Javac {

    private static final ToolProvider JAVAC = ToolProvider.findFirst("javac")
            .orElseThrow(() -> new IllegalStateException("no javac in this JDK: " + System.getProperty("java.home")));

    private Javac() {
    }

    /**
     * Compiles one source file, failing the test with javac's output if it does not compile
     * cleanly.
     *
     * @param what the source as messages name it, such as {@code README line 53}
     * @param source the file
     * @param options javac's options besides the lint ones, e.g. {@code -d} and a path
     */
    static void compile(String what, Path source, String... options) {
        List<String> args = new ArrayList<>(List.of("-Xlint:all", "-Werror", "-implicit:none"));
        args.addAll(List.of(options));
        args.add(source.toString());
        StringWriter output = new StringWriter();
        int status;
        try (PrintWriter out = new PrintWriter(output)) {
            status = JAVAC.run(out, out, args.toArray(String[]::new));
        }
        assertEquals(0, status, () -> what + " does not compile cleanly:\n" + output);
    }
}
