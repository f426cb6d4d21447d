package dev.bufpool.bench.report;

/** Why a target is missed, where it is: what the figures are made of, measured where they can be. */
final class Notes {

    private Notes() {
    }

    static final String FLOOR_RATIO = "The floor is one `ThreadLocal` lookup and two plain writes. The sharded pool's"
            + " reuse path is the same lookup (its thread cache) plus taking a buffer from and putting it back into"
            + " a small array, checking the request against the buffer's capacity, and a lease object that the JIT"
            + " removes only when acquire and close inline into the caller; the size-class pool adds finding the"
            + " class. Each step is a few ns, and on this machine the floor itself is 3 to 5 ns, so 2x the floor"
            + " leaves one or two ns for all of it.";

    static final String STATS = "The decorator counts each acquire and release in a per-thread cell (a second"
            + " `ThreadLocal` lookup and plain writes) and wraps the lease; where the JIT does not remove the wrapper"
            + " it allocates 32 bytes per op.";

    static final String BOUNDED = "The bounded pool's fast path is one CAS to take a buffer and one to give it back,"
            + " so that a release can never miss a waiter; on top of those it checks the gate word (waiters) and"
            + " makes the lease. Against Kafka's pool and stormpot at 2 threads, contention on the shared stripes"
            + " costs more than on 1.";

    static final String MIXED = "A pool that is slower than an anchor on mixed sizes pays for finding the size"
            + " class (or, for the bounded pool, handing out a 1 MiB buffer for every request).";

    static final String CROSS = "A buffer released on another thread cannot go back into the acquiring thread's"
            + " cache; it goes to a shared structure, one CAS, where the acquiring side must take it from again.";

    static final String INGEST = "Reading 1 MiB from the page cache costs tens of microseconds; the pool's acquire"
            + " and release are tens of nanoseconds, so a miss here is the run's noise, which the error column shows.";
}
