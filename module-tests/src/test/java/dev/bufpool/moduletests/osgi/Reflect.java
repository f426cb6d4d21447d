package dev.bufpool.moduletests.osgi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.osgi.framework.Bundle;

/**
 * Calls into a bundle by reflection. The classes of this JVM's own copy of the API cannot be used:
 * inside the framework the same names are other classes, loaded by the bundles' class loaders.
 */
final class Reflect {

    private Reflect() {
    }

    static Class<?> load(Bundle bundle, String className) {
        try {
            return bundle.loadClass(className);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(bundle.getSymbolicName() + " cannot load " + className, e);
        }
    }

    static Object field(Class<?> type, String name) {
        try {
            return type.getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type.getName() + "." + name, e);
        }
    }

    /** Calls the public static method {@code name} of {@code type}. */
    static Object callStatic(Class<?> type, String name, Object... args) {
        return invoke(method(type, name, args.length), null, args);
    }

    /**
     * Calls the public method {@code name} that {@code type} declares (a public class or interface:
     * the target's own class may be private to its bundle).
     */
    static Object call(Object target, Class<?> type, String name, Object... args) {
        return invoke(method(type, name, args.length), target, args);
    }

    private static Method method(Class<?> type, String name, int parameters) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterCount() == parameters)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no method " + type.getName() + "." + name
                        + " with " + parameters + " parameters"));
    }

    private static Object invoke(Method method, Object target, Object[] args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error r) {
                throw r;
            }
            throw new AssertionError(method + " threw", cause);
        } catch (IllegalAccessException e) {
            throw new AssertionError(method.toString(), e);
        }
    }
}
