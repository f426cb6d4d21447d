package dev.bufpool.moduletests.osgi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * An Apache Felix framework started in this JVM, its storage in a test's temporary directory.
 *
 * <p>Only {@code java.*} comes from the JVM ({@code felix.bootdelegation.implicit=false}): with
 * Felix's implicit boot delegation a bundle's class loader would also answer from this JVM's class
 * and module path, where this project's jars are too, so the JDK's {@code ServiceLoader} inside the
 * framework would find the copies outside it. No URL handler factory is installed: it is JVM-wide,
 * and this framework lives for one test.
 */
final class InProcessFelix implements AutoCloseable {

    static final long STOP_BOUND_MILLIS = TimeUnit.SECONDS.toMillis(10);

    private final Framework framework;

    private InProcessFelix(Framework framework) {
        this.framework = framework;
    }

    static InProcessFelix start(Path storage) throws BundleException {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("felix.bootdelegation.implicit", "false");
        config.put("felix.service.urlhandlers", "false");
        Framework framework = new FrameworkFactory().newFramework(config);
        framework.start();
        return new InProcessFelix(framework);
    }

    /** Installs the jars in order (as read from the files, not referenced). */
    List<Bundle> install(List<Path> jars) throws BundleException {
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            bundles.add(framework.getBundleContext().installBundle(jar.toUri().toString()));
        }
        return bundles;
    }

    /**
     * Resolves the bundles together, then starts them in order.
     *
     * @throws AssertionError naming each bundle that does not resolve and the requirement it misses
     */
    void resolveAndStart(List<Bundle> bundles) throws BundleException {
        if (!frameworkWiring().resolveBundles(bundles)) {
            List<String> unresolved = new ArrayList<>();
            for (Bundle bundle : bundles) {
                if (bundle.getState() == Bundle.INSTALLED) {
                    try {
                        bundle.start();
                    } catch (BundleException e) {
                        unresolved.add(e.getMessage());
                    }
                }
            }
            throw new AssertionError("bundles do not resolve: " + unresolved);
        }
        for (Bundle bundle : bundles) {
            bundle.start();
        }
    }

    FrameworkWiring frameworkWiring() {
        return framework.adapt(FrameworkWiring.class);
    }

    Bundle bundle(String symbolicName) {
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " installed");
    }

    static void stopInReverseOrder(List<Bundle> bundles) throws BundleException {
        for (int i = bundles.size() - 1; i >= 0; i--) {
            bundles.get(i).stop();
        }
    }

    static ClassLoader classLoader(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            throw new AssertionError(bundle.getSymbolicName() + " is not resolved");
        }
        return wiring.getClassLoader();
    }

    /** Stops the framework (and so every bundle) and waits for it, up to {@link #STOP_BOUND_MILLIS}. */
    FrameworkEvent stop() throws BundleException, InterruptedException {
        framework.stop();
        return framework.waitForStop(STOP_BOUND_MILLIS);
    }

    /** Stops the framework if a test ended before it did. */
    @Override
    public void close() throws BundleException {
        if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) != 0) {
            try {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
