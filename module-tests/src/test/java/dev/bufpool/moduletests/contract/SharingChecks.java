package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.Lease;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Where a buffer is, seen from outside: a pool is drained of a few leases held together, which
 * would hand out a buffer that went back to it.
 */
final class SharingChecks {

    /** Leases held at once to look for a buffer; well within {@link ContractKit#MOST_OUT}. */
    private static final int PROBES = ContractKit.MOST_OUT / 2;

    private SharingChecks() {
    }

    /** {@code buffer} is still held: the pool hands it to none of several new holders. */
    static void assertNotHandedOut(BufferPool<byte[]> pool, byte[] buffer) {
        for (Lease<byte[]> probe : probe(pool)) {
            assertNotSame(buffer, probe.buffer(), "a buffer still shared was handed out");
            probe.close();
        }
    }

    /**
     * No buffer went back twice: several new holders at once all hold different buffers (a buffer
     * put back twice would be handed to two of them).
     */
    static void assertNoBufferHeldTwice(BufferPool<byte[]> pool) {
        List<Lease<byte[]>> probes = probe(pool);
        Set<byte[]> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Lease<byte[]> probe : probes) {
            assertTrue(distinct.add(probe.buffer()), "one buffer held by two leases at once");
        }
        probes.forEach(Lease::close);
    }

    private static List<Lease<byte[]>> probe(BufferPool<byte[]> pool) {
        List<Lease<byte[]>> probes = new ArrayList<>();
        for (int i = 0; i < PROBES; i++) {
            probes.add(pool.acquire(64));
        }
        return probes;
    }
}
