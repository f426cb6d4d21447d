package dev.bufpool.moduletests.osgi;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * What of a set of bundles is still running: live threads whose class or context class loader is
 * one of the bundles' class loaders, and MXBeans under the project's JMX domain whose class loader
 * is one of them.
 */
final class Leftovers {

    static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final String JMX_DOMAIN = "dev.bufpool";

    private Leftovers() {
    }

    /** @return a line for each thread and bean still belonging to {@code loaders}; empty if none */
    static List<String> of(Set<ClassLoader> loaders) {
        List<String> found = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!thread.isAlive()) {
                continue;
            }
            ClassLoader context = thread.getContextClassLoader();
            if (loaders.contains(context)) {
                found.add("thread " + thread.getName() + " with context class loader " + context);
            } else if (loaders.contains(thread.getClass().getClassLoader())) {
                found.add("thread " + thread.getName() + " of class " + thread.getClass().getName());
            }
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : server.queryNames(domain(), null)) {
            try {
                if (loaders.contains(server.getClassLoaderFor(name))) {
                    found.add("MXBean " + name);
                }
            } catch (InstanceNotFoundException e) {
                // unregistered since the query: not left over
            }
        }
        return found;
    }

    /** Waits, up to {@link #BOUND_NANOS}, for nothing to be left; returns what still is then. */
    static List<String> awaitNone(Set<ClassLoader> loaders) {
        long deadline = System.nanoTime() + BOUND_NANOS;
        List<String> found = of(loaders);
        while (!found.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
            found = of(loaders);
        }
        return found;
    }

    private static ObjectName domain() {
        try {
            return new ObjectName(JMX_DOMAIN + ":*");
        } catch (MalformedObjectNameException e) {
            throw new AssertionError(e);
        }
    }
}
