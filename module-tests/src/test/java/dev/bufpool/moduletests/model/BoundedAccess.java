package dev.bufpool.moduletests.model;

import dev.bufpool.BufferPool;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * {@code grow(int)} and {@code size()} of the bounded pool's exported class, reached by reflection:
 * this module reads the API only, so it cannot name the class, but the class is public in an exported
 * package and core reflection reads every module. Only a plain bounded pool has them; a decorated
 * one, or another provider's pool, gets the absent access.
 */
final class BoundedAccess {

    private static final String CLASS = "dev.bufpool.bounded.BoundedBufferPool";
    private static final BoundedAccess ABSENT = new BoundedAccess(null, null, null);

    private final Object pool;
    private final Method grow;
    private final Method size;

    private BoundedAccess(Object pool, Method grow, Method size) {
        this.pool = pool;
        this.grow = grow;
        this.size = size;
    }

    static BoundedAccess of(BufferPool<?> pool) {
        if (!pool.getClass().getName().equals(CLASS)) {
            return ABSENT;
        }
        try {
            return new BoundedAccess(pool, pool.getClass().getMethod("grow", int.class), pool.getClass().getMethod("size"));
        } catch (NoSuchMethodException e) {
            throw new AssertionError(CLASS + " lost grow(int) or size()", e);
        }
    }

    boolean canGrow() {
        return grow != null;
    }

    /** @return the slots now */
    int grow(int count) {
        return (int) invoke(grow, count);
    }

    /** @return the slots now, or {@code fallback} without access */
    int size(int fallback) {
        return size == null ? fallback : (int) invoke(size);
    }

    private Object invoke(Method method, Object... args) {
        try {
            return method.invoke(pool, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new AssertionError(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError("cannot reach " + method + " reflectively", e);
        }
    }
}
