package dev.bufpool.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Finds the {@link VarHandle}s of the lock-free classes, failing class initialisation if one is missing. */
public final class Handles {

    private Handles() {
    }

    /**
     * Finds a field's var handle, for classes that cannot fail to have it.
     *
     * @param lookup a lookup with private access to {@code owner}
     * @param owner the class declaring the field
     * @param field the field's name
     * @param type the field's type
     * @return the handle
     * @throws ExceptionInInitializerError if there is no such field: a build error, never a runtime state
     */
    public static VarHandle field(MethodHandles.Lookup lookup, Class<?> owner, String field, Class<?> type) {
        try {
            return lookup.findVarHandle(owner, field, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
