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
 *
 * <p>Lookup order: the thread's context class loader, where there is one (class-path programs and
 * application servers, whose context loader is the application's); then, if that found no working
 * implementation, the API's own class loader (a plugin host whose plugin loader holds this library
 * while the thread's context loader is the host's). On the module path either finds the provider
 * modules of the boot layer. The second search runs only when the first found nothing usable, so
 * the two never add up.
 */
final class ServiceDiscovery {

    private static final System.Logger LOG = System.getLogger("dev.bufpool.discovery");

    /**
     * What was found: the working services, a line for each broken one, and the class loaders
     * searched, described for error messages, in the order they were searched.
     */
    record Found<S>(List<S> services, List<String> broken, List<String> searched) {
    }

    private ServiceDiscovery() {
    }

    /** Searches the calling thread's context class loader, then the loader of {@code service}. */
    static <S> Found<S> load(Class<S> service) {
        return load(service, Thread.currentThread().getContextClassLoader(), service.getClassLoader());
    }

    /**
     * Searches {@code context}, then, if it gave no working service, {@code own}.
     *
     * @param context the thread's context class loader; {@code null} if it has none
     * @param own the API's class loader ({@code null}: the bootstrap loader)
     */
    static <S> Found<S> load(Class<S> service, ClassLoader context, ClassLoader own) {
        List<String> broken = new ArrayList<>();
        List<String> searched = new ArrayList<>();
        if (context != null) {
            boolean same = context == own;
            searched.add("the thread's context class loader " + describe(context)
                    + (same ? ", which is also the API's" : ""));
            List<S> services = search(service, context, broken);
            if (!services.isEmpty() || same) {
                return new Found<>(services, broken, searched);
            }
            LOG.log(Level.DEBUG, () -> "no " + service.getSimpleName() + " through the thread's context class loader "
                    + describe(context) + "; searching the API's class loader " + describe(own));
        }
        searched.add("the API's class loader " + describe(own));
        return new Found<>(search(service, own, broken), broken, searched);
    }

    private static <S> List<S> search(Class<S> service, ClassLoader loader, List<String> broken) {
        List<S> services = new ArrayList<>();
        Iterator<S> it = ServiceLoader.load(service, loader).iterator();
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
        return List.copyOf(services);
    }

    /** A loader as error messages name it: its name, if it has one, and its identity. */
    static String describe(ClassLoader loader) {
        if (loader == null) {
            return "(the bootstrap loader; the system class loader is searched)";
        }
        String name = loader.getName();
        return name == null ? loader.toString() : "'" + name + "' (" + loader + ")";
    }
}
