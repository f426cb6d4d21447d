package dev.bufpool.sizeclass;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import dev.bufpool.SharedBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * A shared buffer's last release versus {@code retain()}, on the size-class pool with thread caches
 * off (so the buffer's way back is its free list, where the pool counts it). The lease is shared
 * and retained once before the race: handles {@code a} and {@code b}. The first actor closes
 * {@code a}, then acquires a buffer of the same class; the second retains {@code c} through
 * {@code b}, closes {@code b}, raises a flag, and closes {@code c}. Either close may be the last.
 *
 * <p>Forbidden: the buffer handed out while a handle is open (the first actor's acquisition got the
 * shared buffer though the flag was still down, so {@code c}, at least, was open); and the buffer
 * going back twice or never (at the end every buffer the pool made must be in its free list, once).
 *
 * <p>Results: the verdict, and whether the first actor's acquisition reused the shared buffer or got
 * another one.
 */
@JCStressTest
@Description("SharedBuffer: the last close of a shared buffer returns it exactly once, never while a handle is open")
@Outcome(id = "ok, reused", expect = ACCEPTABLE, desc = "every handle was closed before the acquisition, which got the shared buffer back")
@Outcome(id = "ok, other", expect = ACCEPTABLE, desc = "a handle was still open: the acquisition got another buffer")
@Outcome(id = "early, .*", expect = FORBIDDEN, desc = "the shared buffer was handed out while a handle of it was open")
@Outcome(id = "twice, .*", expect = FORBIDDEN, desc = "the shared buffer went back to the pool twice")
@Outcome(id = "never, .*", expect = FORBIDDEN, desc = "the shared buffer never went back to the pool")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "the books are broken")
@State
public class SharedLastReleaseStress {

    private static final int CAPACITY = 16;

    private final SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
            .name("jcstress")
            .sizeClasses(CAPACITY)
            .threadCacheSize(0)
            .build();
    private final byte[] shared;
    private final SharedBuffer<byte[]> a;
    private final SharedBuffer<byte[]> b;
    private volatile boolean lastCloseStarted;
    private Lease<byte[]> acquired;
    private boolean flagSeen;

    public SharedLastReleaseStress() {
        Lease<byte[]> lease = pool.acquire(CAPACITY);
        shared = lease.buffer();
        a = lease.share();
        b = a.retain();
    }

    @Actor
    public void closeThenAcquire() {
        a.close();
        acquired = pool.acquire(CAPACITY);
        flagSeen = lastCloseStarted;
    }

    @Actor
    public void retainThenClose() {
        SharedBuffer<byte[]> c = b.retain();
        b.close();
        lastCloseStarted = true;
        c.close();
    }

    @Arbiter
    public void check(LL_Result r) {
        boolean reused = acquired.buffer() == shared;
        acquired.close();
        PoolStats stats = pool.stats();
        long made = stats.allocations();
        long kept = pool.freeBuffers(CAPACITY);
        String verdict;
        if (reused && !flagSeen) {
            verdict = "early";
        } else if (kept > made) {
            verdict = "twice";
        } else if (kept < made) {
            verdict = "never";
        } else {
            verdict = stats.drops() == 0 ? "ok" : "dropped";
        }
        r.r1 = verdict;
        r.r2 = reused ? "reused" : "other";
    }
}
