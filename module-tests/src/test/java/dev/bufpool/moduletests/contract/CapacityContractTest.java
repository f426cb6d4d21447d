package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferType;
import dev.bufpool.Lease;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every lease holds at least what was asked for, whatever was pooled before. */
class CapacityContractTest {

    /** Ascending, with the edges 0 and 1 and sizes on both sides of common powers of two. */
    private static final int[] SIZES = {0, 1, 7, 1000, 4095, 4096, 4097, 65_536, ContractKit.LARGEST};

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(ContractKit.PROVIDERS_AND_TYPES)
    <T> void everyAcquireMethodGivesAtLeastTheRequestedCapacity(BufferPoolProvider provider, BufferType<T> type)
            throws InterruptedException {
        try (BufferPool<T> pool = ContractKit.open(provider, type)) {
            for (int size : SIZES) {
                try (Lease<T> lease = pool.acquire(size)) {
                    assertHolds(type, lease, size);
                }
                try (Lease<T> lease = pool.tryAcquire(size)) {
                    assertNotNull(lease, "tryAcquire with nothing out");
                    assertHolds(type, lease, size);
                }
                try (Lease<T> lease = pool.tryAcquire(size, 1, TimeUnit.SECONDS)) {
                    assertNotNull(lease, "tryAcquire with a timeout and nothing out");
                    assertHolds(type, lease, size);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(ContractKit.PROVIDERS_AND_TYPES)
    <T> void aSmallPooledBufferIsNeverHandedToALargerRequest(BufferPoolProvider provider, BufferType<T> type) {
        try (BufferPool<T> pool = ContractKit.open(provider, type)) {
            for (int round = 0; round < 2; round++) {
                for (int i = SIZES.length - 1; i >= 0; i--) {
                    try (Lease<T> lease = pool.acquire(SIZES[i])) {
                        assertHolds(type, lease, SIZES[i]);
                    }
                }
                for (int size : SIZES) {
                    try (Lease<T> lease = pool.acquire(size)) {
                        assertHolds(type, lease, size);
                    }
                }
            }
        }
    }

    private static <T> void assertHolds(BufferType<T> type, Lease<T> lease, int requested) {
        int actual = type.capacity(lease.buffer());
        assertTrue(actual >= requested, () -> "asked for " + requested + ", got a buffer of " + actual);
        assertEquals(actual, lease.capacity(), "lease.capacity() against the buffer's own capacity");
    }
}
