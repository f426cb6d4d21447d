package dev.bufpool.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

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
 *
 * <p>A service that cannot be loaded is skipped and described: a {@link ServiceConfigurationError}
 * (a missing or failing provider class), or a {@link LinkageError} such as the
 * {@link NoClassDefFoundError} of a provider whose own dependency is missing (a class-path
 * application without {@code bufpool-core}), which is named with the jar that holds the missing
 * class. Each service found is probed (its identifying methods called once) so that a missing
 * dependency shows here, at discovery, rather than at its first use.
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

    /**
     * Searches {@code context}, then, if it gave no working service, {@code own}.
     *
     * @param context the thread's context class loader; {@code null} if it has none
     * @param own the API's class loader ({@code null}: the bootstrap loader)
     * @param probe calls what identifies a service (its name, its features), so that a service
     *        whose dependencies are missing fails here and is skipped
     */
    static <S> Found<S> load(Class<S> service, ClassLoader context, ClassLoader own, Consumer<? super S> probe) {
        List<String> broken = new ArrayList<>();
        List<String> searched = new ArrayList<>();
        if (context != null) {
            boolean same = context == own;
            searched.add("the thread's context class loader " + describe(context)
                    + (same ? ", which is also the API's" : ""));
            List<S> services = drain(service, ServiceLoader.load(service, context).iterator(), probe, broken);
            if (!services.isEmpty() || same) {
                return new Found<>(services, broken, searched);
            }
            LOG.log(Level.DEBUG, () -> "no " + service.getSimpleName() + " through the thread's context class loader "
                    + describe(context) + "; searching the API's class loader " + describe(own));
        }
        searched.add("the API's class loader " + describe(own));
        return new Found<>(drain(service, ServiceLoader.load(service, own).iterator(), probe, broken), broken, searched);
    }

    /**
     * The services {@code found} gives that load and pass {@code probe}; a line in {@code broken}
     * for each other one.
     */
    static <S> List<S> drain(Class<S> service, Iterator<S> found, Consumer<? super S> probe, List<String> broken) {
        List<S> services = new ArrayList<>();
        while (true) {
            S next = null;
            try {
                if (!found.hasNext()) {
                    break;
                }
                next = found.next();
                probe.accept(next);
                services.add(next);
            } catch (ServiceConfigurationError | LinkageError e) {
                String line = MissingJar.describe(next == null ? null : next.getClass(), e);
                broken.add(line);
                LOG.log(Level.WARNING, "skipping a broken " + service.getSimpleName() + ": " + line, e);
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
