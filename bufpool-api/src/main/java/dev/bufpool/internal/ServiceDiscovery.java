package dev.bufpool.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Loads every implementation of a service, skipping (and remembering) broken ones so that one bad
 * jar does not hide the others.
 */
final class ServiceDiscovery {

    private static final System.Logger LOG = System.getLogger("dev.bufpool.discovery");

    /** What was found: the working services and a line for each broken one. */
    record Found<S>(List<S> services, List<String> broken) {
    }

    private ServiceDiscovery() {
    }

    static <S> Found<S> load(Class<S> service) {
        List<S> services = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        Iterator<S> it = ServiceLoader.load(service, loaderFor(service)).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                services.add(it.next());
            } catch (ServiceConfigurationError e) {
                broken.add(e.getMessage());
                LOG.log(Level.WARNING, "skipping a broken " + service.getSimpleName() + ": " + e.getMessage(), e);
            }
        }
        return new Found<>(List.copyOf(services), List.copyOf(broken));
    }

    /**
     * The thread's context class loader where there is one (application servers and class-path
     * programs), else the API's own loader. On the module path either finds the provider modules
     * of the boot layer.
     */
    private static ClassLoader loaderFor(Class<?> service) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : service.getClassLoader();
    }
}
