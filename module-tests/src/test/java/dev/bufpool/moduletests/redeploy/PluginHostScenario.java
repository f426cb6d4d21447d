package dev.bufpool.moduletests.redeploy;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A plugin host, in a JVM of its own started by {@link PluginHostDiscoveryTest}: the plugin (the
 * {@link WebApp} class and the library's jars) on a child {@link URLClassLoader} of the host's class
 * loader, started on the host's main thread, whose context class loader is the host's and so
 * cannot see the plugin's jars. Prints {@code pools=...} or {@code error=...}.
 *
 * <p>Arguments: {@code true} or {@code false} (the stats decorator), the plugin's class directory,
 * then the library's jars.
 */
public final class PluginHostScenario {

    private PluginHostScenario() {
    }

    public static void main(String[] args) throws Exception {
        List<URL> urls = new ArrayList<>();
        boolean stats = Boolean.parseBoolean(args[0]);
        for (int i = 1; i < args.length; i++) {
            urls.add(Path.of(args[i]).toUri().toURL());
        }
        ClassLoader host = PluginHostScenario.class.getClassLoader();
        RedeployScenario.print("context", Thread.currentThread().getContextClassLoader() == host ? "host" : "other");
        try (URLClassLoader plugin = new URLClassLoader("plugin", urls.toArray(URL[]::new), host)) {
            RedeployScenario.print("plugin", plugin);
            runApp(plugin, stats);
        }
    }

    /**
     * Deploys the application from {@code loader} (one pool, of the provider {@code BufferPools}
     * chooses), runs one request and undeploys; prints {@code pools=...}, or {@code error=...} if
     * deploying threw.
     */
    static void runApp(ClassLoader loader, boolean stats) throws Exception {
        Object app;
        try {
            app = loader.loadClass(Deployment.APP_CLASS).getConstructor(String.class, boolean.class)
                    .newInstance("", stats);
        } catch (InvocationTargetException e) {
            RedeployScenario.print("error", e.getCause());
            return;
        }
        try {
            ((Runnable) app).run();
            @SuppressWarnings("unchecked")
            List<String> pools = ((Supplier<List<String>>) app).get();
            RedeployScenario.print("pools", String.join(",", pools));
        } finally {
            ((AutoCloseable) app).close();
        }
    }
}
