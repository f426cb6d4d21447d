package dev.bufpool.sizeclass.internal;

import java.util.Arrays;

/**
 * The size classes of one pool and the arithmetic that maps a request to its class.
 *
 * <p>Classes are strictly ascending powers of two. A request of {@code n >= 2} elements needs a
 * buffer of at least {@code 2^L} elements, {@code L = 32 - numberOfLeadingZeros(n - 1)} (requests
 * of 0 and 1 have {@code L = 0}); {@code byLog[L]} holds the index of the smallest class of at least
 * {@code 2^L}, or {@link #NONE}. So a request finds its class with a leading-zeros count and one
 * array read, and a returned buffer finds its class the same way from its capacity.
 *
 * <p>The hot paths use {@link #bits()} instead, the class sizes OR-ed into one {@code int}: the pool
 * keeps it in a field of its own, so that {@link #sizeFor(int, int)} and {@link #isClass(int, int)}
 * read no array (each array read costs a dependent load and a bounds check). Immutable.
 */
final class ClassTable {

    /** No class: the request is above the largest class, or the capacity is not a class size. */
    static final int NONE = -1;

    private final int[] sizes;
    /** Index of the smallest class of at least {@code 2^L}, by {@code L} in {@code [0, 31]}. */
    private final byte[] byLog = new byte[Integer.SIZE];
    /** The class sizes OR-ed together: bit {@code L} is set when {@code 2^L} is a class. */
    private final int bits;

    /**
     * @param sizes the class sizes: up to 31 strictly ascending powers of two (checked by the
     *        spec); none when a {@code trimCapacity} below the smallest class removed them all, and
     *        then every request is above the largest class
     */
    ClassTable(int[] sizes) {
        this.sizes = sizes.clone();
        int index = 0;
        for (int log = 0; log < byLog.length; log++) {
            while (index < this.sizes.length && this.sizes[index] < (1L << log)) {
                index++;
            }
            byLog[log] = (byte) (index < this.sizes.length ? index : NONE);
        }
        int all = 0;
        for (int size : this.sizes) {
            all |= size;
        }
        this.bits = all;
    }

    /** {@return how many classes there are} */
    int count() {
        return sizes.length;
    }

    /**
     * @param index a class index
     * @return that class's size in elements
     */
    int size(int index) {
        return sizes[index];
    }

    /** {@return the largest class size; 0 when there is no class} */
    int largest() {
        return sizes.length > 0 ? sizes[sizes.length - 1] : 0;
    }

    /** {@return a copy of the class sizes, ascending} */
    int[] sizes() {
        return sizes.clone();
    }

    /**
     * The class that serves a request.
     *
     * @param n the elements asked for, in {@code [0, Integer.MAX_VALUE - 8]}
     * @return the index of the smallest class of at least {@code n} elements, or {@link #NONE}
     *         when {@code n} is above the largest class
     */
    int indexFor(int n) {
        int log = n <= 1 ? 0 : Integer.SIZE - Integer.numberOfLeadingZeros(n - 1);
        return byLog[log];
    }

    /** {@return the class sizes OR-ed together, for {@link #sizeFor(int, int)} and {@link #isClass}} */
    int bits() {
        return bits;
    }

    /**
     * The size of the class that serves a request, without a branch or a memory read, for the hot
     * path. {@code -1 << -nlz(n - 1)} keeps the bits at and above {@code 2^L} (the shift count is
     * taken mod 32, so a request of 0 or 1 keeps them all); the lowest class bit left is the class.
     *
     * @param bits the table's {@link #bits()}
     * @param n the elements asked for, in {@code [0, largest()]}
     * @return the size of the smallest class of at least {@code n} elements; 0 when there is no
     *         class (then only a request of 0 gets here)
     */
    static int sizeFor(int bits, int n) {
        int atLeast = bits & (-1 << -Integer.numberOfLeadingZeros(n - 1));
        return atLeast & -atLeast;
    }

    /**
     * Whether a buffer belongs to a class, without a memory read, for the hot path.
     *
     * @param bits the table's {@link #bits()}
     * @param capacity the buffer's capacity
     * @return whether {@code capacity} is a power of two that is a class (never for 0)
     */
    static boolean isClass(int bits, int capacity) {
        return (capacity & (capacity - 1)) == 0 && (capacity & bits) != 0;
    }

    /**
     * The class a buffer belongs to.
     *
     * @param capacity the buffer's capacity
     * @return the index of the class of exactly that size, or {@link #NONE}
     */
    int indexOf(int capacity) {
        int index = capacity < 1 ? NONE : indexFor(capacity);
        return index != NONE && sizes[index] == capacity ? index : NONE;
    }

    @Override
    public String toString() {
        return Arrays.toString(sizes);
    }
}
