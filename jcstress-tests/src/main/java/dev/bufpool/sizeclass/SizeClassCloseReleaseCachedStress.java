package dev.bufpool.sizeclass;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * Close versus release in the size-class pool with its default thread cache (4): a lease acquired by
 * the thread that built the state is out; one actor closes the pool while the other closes the lease.
 * The release goes to the releasing thread's cache, which that thread makes on this first use (a
 * cache registered with the pool), or, if it sees the pool closed, nowhere.
 *
 * <p>Close forgets every cache it knows; a cache made by a release racing close must not be one
 * the closed pool keeps. Result: {@code stats().idleBuffers()} of the closed pool once both are done
 * (it walks the free lists and the caches the pool has registered).
 */
@JCStressTest
@Description("SizeClassBufferPool (thread cache 4): nothing stays in a closed pool when close races a release")
@Outcome(id = "0", expect = ACCEPTABLE, desc = "the closed pool keeps nothing: the release was dropped, or went to a cache the pool forgot")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "the closed pool still holds the buffer: in a free list, or in a cache registered after close forgot the caches")
@State
public class SizeClassCloseReleaseCachedStress {

    private final SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
            .name("jcstress")
            .sizeClasses(16, 64)
            .build();
    private final Lease<byte[]> lease = pool.acquire(16);

    @Actor
    public void close() {
        pool.close();
    }

    @Actor
    public void release() {
        lease.close();
    }

    @Arbiter
    public void check(I_Result r) {
        r.r1 = (int) pool.stats().idleBuffers();
    }
}
