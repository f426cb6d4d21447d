package dev.bufpool;

import java.util.StringJoiner;

/**
 * An immutable snapshot of a pool's figures. A figure the pool does not track reads
 * {@link #UNTRACKED} ({@code -1}); every pool tracks at least {@code idleBuffers} and
 * {@code idleBytes}, and a pool decorated with {@code "stats"} tracks them all.
 *
 * @param acquisitions leases handed out
 * @param releases leases given back
 * @param allocations buffers allocated because none idle fitted (misses)
 * @param reuses leases served by an idle buffer (hits)
 * @param drops returned buffers not kept (too large, pool full, pool closed)
 * @param trims idle buffers dropped by {@code trim()} or idle trimming
 * @param outstanding leases out now
 * @param peakOutstanding the most leases out at once
 * @param outstandingBytes bytes of the buffers out now
 * @param idleBuffers buffers kept idle in the pool now
 * @param idleBytes bytes of the buffers kept idle now
 * @param waits acquisitions that had to wait
 * @param timeouts acquisitions that gave up waiting
 * @param leaks leases reported as leaked
 */
public record PoolStats(
        long acquisitions,
        long releases,
        long allocations,
        long reuses,
        long drops,
        long trims,
        long outstanding,
        long peakOutstanding,
        long outstandingBytes,
        long idleBuffers,
        long idleBytes,
        long waits,
        long timeouts,
        long leaks) {

    /** The value of a figure a pool does not track. */
    public static final long UNTRACKED = -1;

    /**
     * Checks that every figure is tracked ({@code >= 0}) or {@link #UNTRACKED}.
     *
     * @param acquisitions leases handed out
     * @param releases leases given back
     * @param allocations buffers allocated because none idle fitted (misses)
     * @param reuses leases served by an idle buffer (hits)
     * @param drops returned buffers not kept
     * @param trims idle buffers dropped by trimming
     * @param outstanding leases out now
     * @param peakOutstanding the most leases out at once
     * @param outstandingBytes bytes of the buffers out now
     * @param idleBuffers buffers kept idle now
     * @param idleBytes bytes kept idle now
     * @param waits acquisitions that had to wait
     * @param timeouts acquisitions that gave up waiting
     * @param leaks leases reported as leaked
     * @throws IllegalArgumentException if a figure is below {@code -1}
     */
    public PoolStats {
        check("acquisitions", acquisitions);
        check("releases", releases);
        check("allocations", allocations);
        check("reuses", reuses);
        check("drops", drops);
        check("trims", trims);
        check("outstanding", outstanding);
        check("peakOutstanding", peakOutstanding);
        check("outstandingBytes", outstandingBytes);
        check("idleBuffers", idleBuffers);
        check("idleBytes", idleBytes);
        check("waits", waits);
        check("timeouts", timeouts);
        check("leaks", leaks);
    }

    private static void check(String figure, long value) {
        if (value < UNTRACKED) {
            throw new IllegalArgumentException(
                    figure + " must be >= 0, or -1 for untracked: " + figure + "=" + value);
        }
    }

    /**
     * The figures this snapshot tracks, by name, in declaration order; a figure the pool does not
     * track is left out rather than shown as {@code -1}. For example
     * {@code PoolStats[idleBuffers=3, idleBytes=12288]}, or {@code PoolStats[none tracked]}.
     *
     * @return the tracked figures
     */
    @Override
    public String toString() {
        StringJoiner figures = new StringJoiner(", ", "PoolStats[", "]").setEmptyValue("PoolStats[none tracked]");
        tracked(figures, "acquisitions", acquisitions);
        tracked(figures, "releases", releases);
        tracked(figures, "allocations", allocations);
        tracked(figures, "reuses", reuses);
        tracked(figures, "drops", drops);
        tracked(figures, "trims", trims);
        tracked(figures, "outstanding", outstanding);
        tracked(figures, "peakOutstanding", peakOutstanding);
        tracked(figures, "outstandingBytes", outstandingBytes);
        tracked(figures, "idleBuffers", idleBuffers);
        tracked(figures, "idleBytes", idleBytes);
        tracked(figures, "waits", waits);
        tracked(figures, "timeouts", timeouts);
        tracked(figures, "leaks", leaks);
        return figures.toString();
    }

    private static void tracked(StringJoiner figures, String figure, long value) {
        if (value != UNTRACKED) {
            figures.add(figure + "=" + value);
        }
    }

    /**
     * A snapshot in which only the idle figures are tracked.
     *
     * @param idleBuffers buffers kept idle now
     * @param idleBytes bytes kept idle now
     * @return the snapshot
     */
    public static PoolStats idleOnly(long idleBuffers, long idleBytes) {
        return builder().idleBuffers(idleBuffers).idleBytes(idleBytes).build();
    }

    /**
     * A builder whose figures all start as {@link #UNTRACKED}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PoolStats}; not thread-safe. Every figure starts as {@link #UNTRACKED}. */
    public static final class Builder {
        private long acquisitions = UNTRACKED;
        private long releases = UNTRACKED;
        private long allocations = UNTRACKED;
        private long reuses = UNTRACKED;
        private long drops = UNTRACKED;
        private long trims = UNTRACKED;
        private long outstanding = UNTRACKED;
        private long peakOutstanding = UNTRACKED;
        private long outstandingBytes = UNTRACKED;
        private long idleBuffers = UNTRACKED;
        private long idleBytes = UNTRACKED;
        private long waits = UNTRACKED;
        private long timeouts = UNTRACKED;
        private long leaks = UNTRACKED;

        private Builder() {
        }

        /**
         * Sets the figure: leases handed out.
         *
         * @param value the figure, or {@code -1} for untracked
         * @return this builder
         */
        public Builder acquisitions(long value) {
            acquisitions = value;
            return this;
        }

        /**
         * Sets the figure: leases given back.
         *
         * @param value the figure, or {@code -1} for untracked
         * @return this builder
         */
        public Builder releases(long value) {
            releases = value;
            return this;
        }

        /**
         * Sets the figure: buffers allocated on a miss.
         *
         * @param value the figure, or {@code -1} for untracked
         * @return this builder
         */
        public Builder allocations(long value) {
            allocations = value;
            return this;
        }

        /**
         * Sets the figure: leases served by an idle buffer.
         *
         * @param value the figure, or {@code -1} for untracked
         * @return this builder
         */
        public Builder reuses(long value) {
            reuses = value;
            return this;
        }

        /**
         * Sets the figure: returned buffers not kept.
         *
         * @param value the figure, or {@code -1} for untracked
         * @return this builder
         */
        public Builder drops(long value) {
            drops = value;
            return this;
        }

        /**
         * Sets the figure: idle buffers trimmed.
         *
         * @param value the figure, or {@code -1} for untracked
         * @return this builder
         */
        public Builder trims(long value) {
            trims = value;
            return this;
        }

        /**
         * Sets the figure: leases out now.
         *
         * @param value the figure, or {@code -1} for untracked
         * @return this builder
         */
        public Builder outstanding(long value) {
            outstanding = value;
            return this;
        }

        /**
         * Sets the figure: the most leases out at once.
         *
         * @param value the figure, or {@code -1} for untracked
         * @return this builder
         */
        public Builder peakOutstanding(long value) {
            peakOutstanding = value;
            return this;
        }

        /**
         * Sets the figure: bytes out now.
         *
         * @param value the figure, or {@code -1} for untracked
         * @return this builder
         */
        public Builder outstandingBytes(long value) {
            outstandingBytes = value;
            return this;
        }

        /**
         * Sets the figure: idle buffers now.
         *
         * @param value the figure, or {@code -1} for untracked
         * @return this builder
         */
        public Builder idleBuffers(long value) {
            idleBuffers = value;
            return this;
        }

        /**
         * Sets the figure: idle bytes now.
         *
         * @param value the figure, or {@code -1} for untracked
         * @return this builder
         */
        public Builder idleBytes(long value) {
            idleBytes = value;
            return this;
        }

        /**
         * Sets the figure: acquisitions that waited.
         *
         * @param value the figure, or {@code -1} for untracked
         * @return this builder
         */
        public Builder waits(long value) {
            waits = value;
            return this;
        }

        /**
         * Sets the figure: acquisitions that timed out.
         *
         * @param value the figure, or {@code -1} for untracked
         * @return this builder
         */
        public Builder timeouts(long value) {
            timeouts = value;
            return this;
        }

        /**
         * Sets the figure: leaks reported.
         *
         * @param value the figure, or {@code -1} for untracked
         * @return this builder
         */
        public Builder leaks(long value) {
            leaks = value;
            return this;
        }

        /**
         * The snapshot.
         *
         * @return a new {@link PoolStats}
         * @throws IllegalArgumentException if a figure is below {@code -1}
         */
        public PoolStats build() {
            return new PoolStats(acquisitions, releases, allocations, reuses, drops, trims,
                    outstanding, peakOutstanding, outstandingBytes, idleBuffers, idleBytes, waits,
                    timeouts, leaks);
        }
    }
}
