package dev.bufpool;

/**
 * A capability a pool implementation may have. A {@link PoolSpec} asks for features explicitly
 * ({@link PoolSpec.Builder#require(PoolFeature...)}) and implicitly through its settings (setting
 * {@link PoolSpec.Builder#zeroOnRelease(boolean) zeroOnRelease} needs {@link #ZEROING}); discovery
 * only picks a provider that has them all.
 */
public enum PoolFeature {
    /** A small per-thread cache in front of the shared pool, for platform threads. */
    THREAD_CACHE,
    /** Idle buffers are spread over shards chosen by thread, with work stealing on a miss. */
    SHARDED,
    /** Requests are rounded up to a few fixed size classes. */
    SIZE_CLASSES,
    /** A hard bound on the buffers or bytes the pool hands out. */
    BOUNDED,
    /** {@code acquire} may wait for a buffer to be returned. */
    BLOCKING,
    /** Buffers are wiped on their way back into the pool. */
    ZEROING,
    /** {@link Lease#share()} turns a lease into a reference-counted read-only buffer. */
    SHARING,
    /** Idle buffers are trimmed by age and retained idle bytes are bounded. */
    IDLE_TRIM,
    /** Leases dropped without being closed are reported. */
    LEAK_DETECTION
}
