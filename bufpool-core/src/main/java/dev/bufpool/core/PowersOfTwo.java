package dev.bufpool.core;

/** Rounding to powers of two, for table, ring and buffer sizes. */
public final class PowersOfTwo {

    private PowersOfTwo() {
    }

    /**
     * Rounds up to a power of two.
     *
     * @param n a size, at most {@code 2^30}
     * @return the least power of two {@code >= n}; {@code 1} for {@code n <= 1}
     */
    public static int atLeast(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }
}
