package dev.bufpool.moduletests.redeploy;

/**
 * A plain class-path application, in a JVM of its own started by {@link ClassPathDiscoveryTest}:
 * the {@link WebApp} class and the library's jars sit on the JVM's own class path beside this
 * class, as in a program started with {@code java -cp}. Prints {@code pools=...} or
 * {@code error=...}.
 *
 * <p>Argument: {@code true} or {@code false} (the stats decorator).
 */
public final class ClassPathScenario {

    private ClassPathScenario() {
    }

    public static void main(String[] args) throws Exception {
        PluginHostScenario.runApp(ClassPathScenario.class.getClassLoader(), Boolean.parseBoolean(args[0]));
    }
}
