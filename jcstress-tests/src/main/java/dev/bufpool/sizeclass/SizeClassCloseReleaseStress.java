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
 * Close versus release in the size-class pool, thread caches off: a lease is out; one actor closes
 * the pool while the other closes the lease. The release offers the buffer to its class's free list
 * and then reads the closed flag as a volatile; close writes the flag and then empties the free
 * lists: one of the two sees the other, so the buffer never stays in a closed pool's free lists.
 *
 * <p>Result: {@code stats().idleBuffers()} of the closed pool once both are done.
 */
@JCStressTest
@Description("SizeClassBufferPool (no thread cache): nothing stays in a closed pool's free lists when close races a release")
@Outcome(id = "0", expect = ACCEPTABLE, desc = "the closed pool keeps nothing: the release was dropped, or its buffer drained")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "a buffer stayed in the free lists of the closed pool")
@State
public class SizeClassCloseReleaseStress {

    private final SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
            .name("jcstress")
            .sizeClasses(16, 64)
            .threadCacheSize(0)
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
