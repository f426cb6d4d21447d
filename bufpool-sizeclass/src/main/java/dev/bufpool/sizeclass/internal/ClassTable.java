package dev.bufpool.sizeclass.internal;

import java.util.Arrays;

/**
 * The size classes of one pool and the arithmetic that maps a request to its class.
 *
 * <p>Classes are strictly ascending powers of two. A request of {@code n >= 2} elements needs a
 * buffer of at least {@code 2^L} elements, {@code L = 32 - numberOfLeadingZeros(n - 1)} (requests
 * of 0 and 1 have {@code L = 0}); {@code byLog[L]} holds the index of the smallest class of at least
 * {@code 2^L}, or {@link #NONE}. So a request finds its class with a leading-zeros count and one
 * array read, and a returned buffer finds its class the same way from its capacity. Immutable.
 */
final class ClassTable {

    /** No class: the request is above the largest class, or the capacity is not a class size. */
    static final int NONE = -1;

    private final int[] sizes;
    /** Index of the smallest class of at least {@code 2^L}, by {@code L} in {@code [0, 31]}. */
    private final byte[] byLog = new byte[Integer.SIZE];
    /**
     * The size of the smallest class of at least {@code 2^L}, or 0 when none is, by {@code L}; cell
     * 32 holds the smallest class, for requests of 0 ({@code n - 1 = -1} has no leading zeros).
     */
    private final int[] sizeByLog = new int[Integer.SIZE + 1];

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
            sizeByLog[log] = index < this.sizes.length ? this.sizes[index] : 0;
        }
        sizeByLog[Integer.SIZE] = this.sizes.length > 0 ? this.sizes[0] : 0;
    }

    /** @return how many classes there are */
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

    /** @return the largest class size; 0 when there is no class */
    int largest() {
        return sizes.length > 0 ? sizes[sizes.length - 1] : 0;
    }

    /** @return a copy of the class sizes, ascending */
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

    /**
     * The size of the class that serves a request, without a branch, for the hot path.
     *
     * @param n the elements asked for, in {@code [0, largest()]}
     * @return the size of the smallest class of at least {@code n} elements; 0 when there is no
     *         class (then only a request of 0 gets here)
     */
    int sizeFor(int n) {
        return sizeByLog[Integer.SIZE - Integer.numberOfLeadingZeros(n - 1)];
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
