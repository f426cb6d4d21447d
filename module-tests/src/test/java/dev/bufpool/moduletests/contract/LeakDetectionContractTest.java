package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.LeakDetection;
import dev.bufpool.Lease;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolStats;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Every provider with {@link PoolFeature#LEAK_DETECTION} reports a lease dropped without close
 * within a bounded number of collections, counts it in {@code leaks}, and a bounded pool gets the
 * slot back, so a leak never stalls later acquisitions; a lease still held is never taken for one.
 */
class LeakDetectionContractTest {

    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(20);

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = PoolFeature.LEAK_DETECTION)
    void aDroppedLeaseIsReportedAndItsSlotComesBack(BufferPoolProvider provider) {
        // One buffer for a bounded pool: if the leak kept its slot, the acquisition after it would wait.
        var spec = FittedSpec.builder(provider, BufferTypes.BYTE_ARRAY, ContractKit.LARGEST, 1)
                .name("leaky-" + provider.name()).leakDetection(LeakDetection.PARANOID);
        try (BufferPool<byte[]> pool = provider.create(spec.build())) {
            dropALease(pool);
            long deadline = System.nanoTime() + BOUND_NANOS;
            PoolStats stats = pool.stats();
            int collections = 0;
            while (stats.leaks() < 1 && System.nanoTime() < deadline) {
                System.gc();
                collections++;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                stats = pool.stats(); // the pool looks for leaks during its own calls
            }
            PoolStats last = stats;
            int gcs = collections;
            assertEquals(1, last.leaks(), () -> "not reported after " + gcs + " collections: " + last);
            try (Lease<byte[]> next = pool.tryAcquire(64)) {
                assertNotNull(next, "the leaked lease's slot did not come back");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = PoolFeature.LEAK_DETECTION)
    void aLeaseClosedInTimeIsNoLeakAndMisuseAfterCloseStillThrows(BufferPoolProvider provider) {
        var spec = FittedSpec.builder(provider, BufferTypes.BYTE_ARRAY, ContractKit.LARGEST, ContractKit.MOST_OUT)
                .name("tidy-" + provider.name()).leakDetection(LeakDetection.PARANOID);
        try (BufferPool<byte[]> pool = provider.create(spec.build())) {
            Lease<byte[]> lease = pool.acquire(64);
            lease.close();
            lease.close(); // reported at WARN in PARANOID, and harmless
            assertThrows(IllegalStateException.class, lease::buffer);
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            assertEquals(0, pool.stats().leaks());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = PoolFeature.LEAK_DETECTION)
    void aLeaseStillHeldIsNoLeakHoweverManyCollectionsPass(BufferPoolProvider provider) {
        // One buffer for a bounded pool: a held lease taken for a leak would give its slot to the next caller.
        var spec = FittedSpec.builder(provider, BufferTypes.BYTE_ARRAY, ContractKit.LARGEST, 1)
                .name("held-" + provider.name()).leakDetection(LeakDetection.PARANOID);
        try (BufferPool<byte[]> pool = provider.create(spec.build())) {
            List<Lease<byte[]>> held = new ArrayList<>(List.of(pool.acquire(64)));
            for (int i = 0; i < 5; i++) {
                System.gc();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                assertEquals(0, pool.stats().leaks(), "a lease still held was reported as leaked");
            }
            if (provider.features().contains(PoolFeature.BOUNDED)) {
                assertNull(pool.tryAcquire(64), "the held lease's only slot was handed out again");
            }
            held.get(0).buffer()[0] = 1;
            held.remove(0).close();
            System.gc();
            assertEquals(0, pool.stats().leaks());
        }
    }

    /** Acquires a lease and drops it without closing it, in a frame of its own. */
    private static void dropALease(BufferPool<byte[]> pool) {
        pool.acquire(64).buffer()[0] = 1;
    }
}
