package dev.bufpool.bounded.internal;

import dev.bufpool.BufferType;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The buffer type of a pool of the user's own objects: each made by a factory, reset by the user's
 * reset, of capacity 1 and a fixed size in bytes for the memory budget.
 *
 * @param <T> the object class
 */
public final class ObjectType<T> implements BufferType<T> {

    private final Supplier<? extends T> factory;
    private final Consumer<? super T> reset;
    private final long bytesEach;

    /**
     * @param factory makes a new object; must not return {@code null}
     * @param reset makes a returned object ready for its next holder
     * @param bytesEach the memory one object holds, {@code >= 0}, for the memory budget
     * @throws IllegalArgumentException if {@code bytesEach} is negative
     */
    public ObjectType(Supplier<? extends T> factory, Consumer<? super T> reset, long bytesEach) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.reset = Objects.requireNonNull(reset, "reset");
        if (bytesEach < 0) {
            throw new IllegalArgumentException("bytesEach must be >= 0: bytesEach=" + bytesEach);
        }
        this.bytesEach = bytesEach;
    }

    @Override
    public String name() {
        return "object";
    }

    /** Makes one object, whatever the capacity: every object counts as one element. */
    @Override
    public T allocate(int capacity) {
        return factory.get();
    }

    @Override
    public int capacity(T buffer) {
        return 1;
    }

    @Override
    public long sizeInBytes(T buffer) {
        return bytesEach;
    }

    @Override
    public void reset(T buffer) {
        reset.accept(buffer);
    }

    /** An object has no elements to wipe beyond what its reset clears: runs the reset. */
    @Override
    public void zero(T buffer) {
        reset.accept(buffer);
    }

    @Override
    public String toString() {
        return "ObjectType[bytesEach=" + bytesEach + "]";
    }
}
