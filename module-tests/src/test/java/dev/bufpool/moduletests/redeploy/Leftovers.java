package dev.bufpool.moduletests.redeploy;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.management.ObjectName;

/**
 * What keeps an undeployed application's class loader reachable, as far as a container can see
 * without a heap dump: MBeans whose class loader it is, and live threads whose class, context
 * class loader or inherited access control context refers to it. Anything else (a thread-local value, a scheduled task, a shutdown hook) is
 * proved absent by the loader being collected.
 */
final class Leftovers {

    /** How long the collector is given to clear a loader nothing holds. */
    static final long COLLECT_BOUND_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How long a loader that something holds is given before it is declared held. */
    static final long HELD_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** How many fields deep {@link #scheduledTasks} looks from a queued task. */
    private static final int TASK_DEPTH = 8;

    /** A task waiting in a delay scheduler whose queue cannot be read (JDK 25 on): what it holds is unknown. */
    static final String COMMON_POOL_DELAYED_TASK = "a task in the common pool's delay scheduler (its queue is not"
            + " readable on this JDK)";

    private Leftovers() {
    }

    /** Runs the collector until {@code loader} is cleared or {@code boundNanos} pass; gives whether it was. */
    static boolean collected(WeakReference<ClassLoader> loader, long boundNanos) {
        long deadline = System.nanoTime() + boundNanos;
        while (loader.get() != null && System.nanoTime() - deadline < 0) {
            System.gc();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return loader.get() == null;
    }

    /** @return a line for each MBean and live thread that refers to {@code loader}; empty if none or if it is gone */
    static List<String> of(WeakReference<ClassLoader> weak) {
        ClassLoader loader = weak.get();
        List<String> found = new ArrayList<>();
        if (loader == null) {
            return found;
        }
        for (ObjectName name : Deployment.mbeansOf(loader)) {
            found.add("MBean " + name + " (its class loader is " + loader.getName() + ")");
        }
        found.addAll(threads(loader));
        return found;
    }

    /**
     * @return a line for each live thread whose class or context class loader is {@code loader}, or
     *         (where this JVM lets it be read) whose inherited access control context holds a
     *         protection domain of {@code loader}'s: what a thread started from the application's
     *         code keeps on JDK 17
     */
    static List<String> threads(ClassLoader loader) {
        List<String> found = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getClass().getClassLoader() == loader) {
                found.add("thread '" + thread.getName() + "' of class " + thread.getClass().getName());
            }
            if (thread.getContextClassLoader() == loader) {
                found.add("thread '" + thread.getName() + "' whose context class loader is " + loader.getName());
            }
            for (ProtectionDomain domain : inheritedDomains(thread)) {
                if (domain != null && domain.getClassLoader() == loader) {
                    found.add("thread '" + thread.getName() + "' whose inherited access control context holds "
                            + loader.getName() + "'s protection domain of " + domain.getCodeSource().getLocation());
                }
            }
        }
        return found;
    }

    /**
     * A line for each task queued in the JDK's delay scheduler (the one behind
     * {@code CompletableFuture.orTimeout}, whose thread lives as long as the JVM) that reaches, within
     * a few fields, an object of a class that {@code loader} defined; the path of fields is named.
     * Reading the queue needs {@code --add-opens java.base/java.util.concurrent}; without it, one line
     * says it could not be read.
     */
    static List<String> scheduledTasks(ClassLoader loader) {
        List<String> found = new ArrayList<>();
        Class<?> delayerClass;
        try {
            delayerClass = Class.forName("java.util.concurrent.CompletableFuture$Delayer");
        } catch (ClassNotFoundException sinceJdk25) {
            return commonPoolDelayedTasks();
        }
        try {
            Field delayer = delayerClass.getDeclaredField("delayer");
            delayer.setAccessible(true);
            for (Runnable task : ((ScheduledThreadPoolExecutor) delayer.get(null)).getQueue()) {
                String path = pathTo(task, loader, TASK_DEPTH, new IdentityHashMap<>());
                if (path != null) {
                    found.add("a task in the JDK's delay scheduler queue: " + path);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException closed) {
            found.add("the JDK's delay scheduler queue could not be read: " + closed);
        }
        return found;
    }

    /**
     * From JDK 25 the delays of {@code CompletableFuture} run on the common pool's delay scheduler,
     * which keeps its queue in a local variable of its thread: only how many tasks wait can be read
     * ({@code ForkJoinPool.getDelayedTaskCount()}, new in 25), one {@link #COMMON_POOL_DELAYED_TASK}
     * line each.
     */
    private static List<String> commonPoolDelayedTasks() {
        try {
            long count = (long) ForkJoinPool.class.getMethod("getDelayedTaskCount").invoke(ForkJoinPool.commonPool());
            return Collections.nCopies((int) count, COMMON_POOL_DELAYED_TASK);
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            return List.of("the JDK's delay scheduler queue could not be read: " + unreadable);
        }
    }

    /**
     * The fields from {@code from} to an object of a class {@code loader} defined, or {@code null};
     * not through threads, executors (a queued task refers to its executor, and so to every other
     * task) or class loaders. {@code seen} holds the depth each object was searched at, so that one
     * first met deep down is searched again when met with more depth left.
     */
    private static String pathTo(Object from, ClassLoader loader, int depth, Map<Object, Integer> seen) {
        if (from == null) {
            return null;
        }
        Class<?> type = from.getClass();
        if (type.getClassLoader() == loader) {
            return type.getName();
        }
        Integer searched = seen.get(from);
        if (depth == 0 || (searched != null && searched >= depth) || from instanceof Thread
                || from instanceof Executor || from instanceof ClassLoader || from instanceof Class) {
            return null;
        }
        seen.put(from, depth);
        if (from instanceof Object[]) {
            for (Object element : (Object[]) from) {
                String rest = pathTo(element, loader, depth - 1, seen);
                if (rest != null) {
                    return type.getSimpleName() + "[] -> " + rest;
                }
            }
            return null;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    String rest = pathTo(field.get(from), loader, depth - 1, seen);
                    if (rest != null) {
                        return type.getName() + "." + field.getName() + " -> " + rest;
                    }
                } catch (ReflectiveOperationException | RuntimeException closed) {
                    // a field of a package not opened to this code: not followed
                }
            }
        }
        return null;
    }

    /**
     * The protection domains of the access control context a thread inherited from its creator's
     * stack; none where that cannot be read (a JDK without that field, or a JVM run without
     * {@code --add-opens} of {@code java.base/java.lang} and {@code java.base/java.security}).
     */
    private static List<ProtectionDomain> inheritedDomains(Thread thread) {
        try {
            Field inherited = Thread.class.getDeclaredField("inheritedAccessControlContext");
            inherited.setAccessible(true);
            Object context = inherited.get(thread);
            if (context == null) {
                return List.of();
            }
            Field domains = context.getClass().getDeclaredField("context");
            domains.setAccessible(true);
            ProtectionDomain[] found = (ProtectionDomain[]) domains.get(context);
            return found == null ? List.of() : Arrays.asList(found);
        } catch (ReflectiveOperationException | RuntimeException closed) {
            return List.of();
        }
    }
}
