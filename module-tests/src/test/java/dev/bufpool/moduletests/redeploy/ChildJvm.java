package dev.bufpool.moduletests.redeploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a scenario class in a fresh JVM on the class path: the scenario's classes copied into a
 * directory of their own (no JUnit, no library), the application's class file into another, and
 * the library's jars as arguments. Gives the {@code key=value} lines it printed. The JVM may read
 * threads' inherited access control contexts and the JDK's delay scheduler queue, so that
 * {@link Leftovers} can name what holds the application.
 */
final class ChildJvm {

    /** The classes a scenario needs on its class path; {@link WebApp} is never among them. */
    private static final List<Class<?>> HOST_CLASSES = List.of(RedeployScenario.class, PluginHostScenario.class,
            ClassPathScenario.class, Container.class, Deployment.class, Leftovers.class);
    private static final long BOUND_SECONDS = 60;

    /** What a run printed: its facts, and all of it for messages. */
    record Run(Map<String, String> facts, String output) {
        String get(String key) {
            String value = facts.get(key);
            assertTrue(value != null, () -> "the scenario printed no " + key + "; it printed:\n" + output);
            return value;
        }
    }

    private ChildJvm() {
    }

    /**
     * @param dir an empty directory of the caller's
     * @param main the scenario
     * @param args its arguments; {@code APP} stands for the application's class directory, which
     *        this fills
     */
    static Run run(Path dir, Class<?> main, List<String> args) throws IOException, InterruptedException {
        return run(dir, main, List.of(), args);
    }

    /**
     * As {@link #run(Path, Class, List)}, with the application's class directory and
     * {@code library} on the child's own class path after the scenario's classes, as a program
     * started with {@code java -cp} has them.
     */
    static Run runOnClassPath(Path dir, Class<?> main, List<Path> library, List<String> args)
            throws IOException, InterruptedException {
        List<Path> classPath = new ArrayList<>(List.of(dir.resolve("app")));
        classPath.addAll(library);
        return run(dir, main, classPath, args);
    }

    private static Run run(Path dir, Class<?> main, List<Path> classPath, List<String> args)
            throws IOException, InterruptedException {
        Path host = dir.resolve("host");
        for (Class<?> type : HOST_CLASSES) {
            ClassFiles.copy(type.getName(), host);
        }
        Path app = dir.resolve("app");
        ClassFiles.copy(Deployment.APP_CLASS, app);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.security=ALL-UNNAMED",
                "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED", "-cp", classPath(host, classPath), main.getName()));
        args.forEach(arg -> command.add(arg.equals("APP") ? app.toString() : arg));
        Path output = dir.resolve("output.txt");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = child.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly().waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
        }
        String printed = Files.readString(output);
        assertTrue(ended, () -> "the scenario did not end within " + BOUND_SECONDS + " s; it printed:\n" + printed);
        assertEquals(0, child.exitValue(), () -> "the scenario failed; it printed:\n" + printed);
        Map<String, String> facts = new LinkedHashMap<>();
        for (String line : printed.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[a-z.-]+")) {
                facts.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new Run(facts, printed);
    }

    private static String classPath(Path host, List<Path> more) {
        StringBuilder path = new StringBuilder(host.toString());
        more.forEach(entry -> path.append(File.pathSeparatorChar).append(entry));
        return path.toString();
    }
}
