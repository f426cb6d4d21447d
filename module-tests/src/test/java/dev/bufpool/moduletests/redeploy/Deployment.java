package dev.bufpool.moduletests.redeploy;

import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * One deployed web application: a fresh {@link URLClassLoader} over {@link WebApp}'s class file and
 * the library's jars, whose parent is the platform class loader (so the test JVM's own copies of the
 * library are invisible), and the {@link WebApp} the container made in it. Everything is reached
 * through JDK types only; {@link #undeploy} drops every reference this object holds into the loader.
 */
final class Deployment {

    /** The class the container instantiates: named, never referenced, so the test's loader never loads it. */
    static final String APP_CLASS = "dev.bufpool.moduletests.redeploy.WebApp";

    private static final AtomicInteger DEPLOYED = new AtomicInteger();

    private final Container container;
    private final WeakReference<ClassLoader> weakLoader;
    private final String loaderName;
    private URLClassLoader loader;
    private Object app;

    private Deployment(Container container, URLClassLoader loader) {
        this.container = container;
        this.loader = loader;
        this.loaderName = loader.getName();
        this.weakLoader = new WeakReference<>(loader);
    }

    /**
     * Deploys a web application that creates one pool per provider named, on a request thread.
     *
     * @param dir the application's classes: a directory holding {@link #APP_CLASS}'s class file
     * @param library the library's jars or class directories
     * @param providers provider names separated by commas
     * @param stats whether the pools are decorated with {@code stats}
     * @param kept whether the application also keeps its pools in a static field
     */
    static Deployment deploy(Container container, Path dir, List<Path> library, String providers, boolean stats,
            boolean kept) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(url(dir));
        library.forEach(path -> urls.add(url(path)));
        URLClassLoader loader = new URLClassLoader("webapp-" + DEPLOYED.incrementAndGet(), urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        Deployment deployment = new Deployment(container, loader);
        deployment.app = container.request(loader, () -> loader.loadClass(APP_CLASS)
                .getConstructor(String.class, boolean.class, boolean.class).newInstance(providers, stats, kept));
        return deployment;
    }

    /** @return the application's class loader, held weakly: cleared once it is collected */
    WeakReference<ClassLoader> loader() {
        return weakLoader;
    }

    /** @return the application's class loader's name */
    String loaderName() {
        return loaderName;
    }

    /** @return the names of the application's pools */
    @SuppressWarnings("unchecked")
    List<String> pools() {
        return ((Supplier<List<String>>) app).get();
    }

    /** Serves a request on every request thread at once: each uses every pool. */
    void serve() throws Exception {
        container.onEveryThread(loader, (Runnable) app);
    }

    /** @return the names of the MBeans whose class loader is this application's */
    Set<ObjectName> mbeans() {
        return mbeansOf(loader);
    }

    /**
     * Undeploys: closes the application's pools on a request thread if {@code closePools} (as its
     * {@code ServletContextListener} would), closes the loader (its jars) if {@code closeLoader}, as
     * Tomcat and Jetty do, and forgets the loader and the application.
     */
    void undeploy(boolean closePools, boolean closeLoader) throws Exception {
        if (closePools) {
            AutoCloseable closeable = (AutoCloseable) app;
            container.request(loader, () -> {
                closeable.close();
                return null;
            });
        }
        app = null;
        if (closeLoader) {
            loader.close();
        }
        loader = null;
    }

    /** @return the names of the MBeans of the platform MBean server whose class loader is {@code loader} */
    static Set<ObjectName> mbeansOf(ClassLoader loader) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return server.queryNames(null, null).stream().filter(name -> {
            try {
                return server.getClassLoaderFor(name) == loader;
            } catch (InstanceNotFoundException gone) {
                return false;
            }
        }).collect(Collectors.toSet());
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
