package dev.bufpool.stats.internal;

/**
 * The counters of several {@link Cell}s added up: acquisitions, releases and their bytes summed,
 * the cells' own peaks as their maximum. Not thread-safe: a sum is built by one thread, and once
 * published (as the folded base of a table of cells) never changed.
 */
final class Totals {

    long acquired;
    long acquiredBytes;
    long released;
    long releasedBytes;
    long peak;
    long peakBytes;

    void add(long acquired, long acquiredBytes, long released, long releasedBytes, long peak, long peakBytes) {
        this.acquired += acquired;
        this.acquiredBytes += acquiredBytes;
        this.released += released;
        this.releasedBytes += releasedBytes;
        this.peak = Math.max(this.peak, peak);
        this.peakBytes = Math.max(this.peakBytes, peakBytes);
    }

    /** {@return a copy of these totals, peaks kept when {@code keepPeaks}, else zero} */
    Totals copy(boolean keepPeaks) {
        Totals copy = new Totals();
        copy.add(acquired, acquiredBytes, released, releasedBytes, keepPeaks ? peak : 0, keepPeaks ? peakBytes : 0);
        return copy;
    }

    /** {@return acquisitions minus releases: the leases out, leaked ones included} */
    long out() {
        return acquired - released;
    }

    /** {@return bytes acquired minus bytes released: the bytes out, leaked ones included} */
    long outBytes() {
        return acquiredBytes - releasedBytes;
    }
}
