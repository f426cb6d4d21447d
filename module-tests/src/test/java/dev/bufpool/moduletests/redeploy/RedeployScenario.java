package dev.bufpool.moduletests.redeploy;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanRegistrationException;
import javax.management.ObjectName;

/**
 * One redeploy, in a JVM of its own started by {@link ClassLoaderRedeployTest}: its class path holds
 * only these scenario classes, so the platform class loader, the web application's parent, sees
 * nothing but the JDK (on the test JVM's module path it would delegate to the test's own copies of
 * the library), and the application is the first code to use the library, and so the first to use
 * the JDK's delay scheduler that idle trimming runs on. Prints what it finds as {@code key=value}
 * lines for the test to check.
 *
 * <p>The container closes the application's loader at undeploy, as Tomcat and Jetty do, except in
 * {@code keep} mode: unclosed pools' trim ticks that then need a class not loaded yet fail with
 * {@code NoClassDefFoundError}, which stops their timers, so what the JDK's scheduler holds would
 * depend on which classes were loaded before.
 *
 * <p>Arguments: {@code close}, {@code leave} or {@code keep} (at undeploy the pools are closed, or
 * left open and dropped, or left open and kept in a static field of the application), {@code true} or
 * {@code false} (the stats decorator), the application's class directory, the providers
 * (comma-separated), then the library's jars.
 */
public final class RedeployScenario {

    /**
     * The JDK's delay scheduler thread, which {@code CompletableFuture.orTimeout} starts on first use:
     * a thread of {@code CompletableFuture} up to JDK 24, the common pool's from JDK 25.
     */
    static final List<String> DELAY_SCHEDULERS = List.of("CompletableFutureDelayScheduler",
            "ForkJoinPool.commonPool-delayScheduler");

    private RedeployScenario() {
    }

    public static void main(String[] args) throws Exception {
        boolean close = args[0].equals("close");
        boolean kept = args[0].equals("keep");
        boolean stats = Boolean.parseBoolean(args[1]);
        List<Path> library = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            library.add(Path.of(args[i]));
        }
        print("scheduler.before", delaySchedulerRunning());
        try (Container container = new Container()) {
            Deployment app = Deployment.deploy(container, Path.of(args[2]), library, args[3], stats, kept);
            app.serve();
            Set<ObjectName> registered = app.mbeans();
            print("pools", String.join(",", app.pools()));
            print("mbeans", names(registered));

            app.undeploy(close, !kept);

            print("scheduler.after", delaySchedulerRunning());
            print("mbeans.left", names(registered.stream()
                    .filter(ManagementFactory.getPlatformMBeanServer()::isRegistered).collect(Collectors.toSet())));
            print("leftovers", String.join("; ", Leftovers.of(app.loader())));
            boolean collected = Leftovers.collected(app.loader(), close || !(stats || kept)
                    ? Leftovers.COLLECT_BOUND_NANOS : Leftovers.HELD_BOUND_NANOS);
            print("collected", collected);
            if (!collected) {
                print("culprits", Leftovers.of(app.loader()).stream().sorted().collect(Collectors.joining("; ")));
                print("scheduled", String.join("; ", Leftovers.scheduledTasks(app.loader().get())));
                if (stats) {
                    unregisterMBeansOf(app); // what a container's leak prevention would do
                    print("collected.after-unregister", Leftovers.collected(app.loader(), Leftovers.COLLECT_BOUND_NANOS));
                }
            }
            print("threads.alive", container.threads().stream().filter(Thread::isAlive).count());
        }
    }

    private static void unregisterMBeansOf(Deployment app) throws MBeanRegistrationException {
        for (ObjectName name : Deployment.mbeansOf(app.loader().get())) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (InstanceNotFoundException gone) {
                // unregistered meanwhile: nothing to do
            }
        }
    }

    private static String names(Set<ObjectName> names) {
        return names.stream().map(ObjectName::toString).sorted().collect(Collectors.joining(","));
    }

    private static boolean delaySchedulerRunning() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> DELAY_SCHEDULERS.contains(t.getName()));
    }

    static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
