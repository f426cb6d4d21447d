package dev.bufpool;

/**
 * How closely a pool watches for leases that become unreachable without being closed.
 * Any level but {@link #OFF} needs a provider with {@link PoolFeature#LEAK_DETECTION}.
 */
public enum LeakDetection {
    /** No tracking; no cost. */
    OFF,
    /** A sample of leases is tracked; a leak is reported without its acquisition stack. */
    SAMPLE,
    /** Every lease is tracked and a leak is reported with the stack of its acquisition. */
    PARANOID
}
