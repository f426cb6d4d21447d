package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferType;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolStats;
import dev.bufpool.SharedBuffer;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A buffer type whose {@code allocate} or {@code reset} throws, under every provider, plain and
 * decorated with {@code "stats"}: an allocation failure reaches the caller of every acquisition as
 * it was thrown, a reset failure drops the buffer without throwing from {@code close}, and the pool
 * keeps working either way (the checks of {@link BadInputTableContractTest}).
 */
class FailingBufferTypeContractTest {

    private static final String EVERY_POOL = "dev.bufpool.moduletests.contract.BadInputTableContractTest#everyPool";

    /** byte[] whose allocate or reset fails while told to, with exceptions of its own to recognise. */
    static final class FailingType implements BufferType<byte[]> {
        volatile boolean failAllocate;
        volatile boolean failReset;
        final IllegalStateException allocateFailure = new IllegalStateException("allocate failed on purpose");
        /** Without a stack trace: the pools log it. */
        final IllegalStateException resetFailure = new IllegalStateException("reset failed on purpose");

        FailingType() {
            resetFailure.setStackTrace(new StackTraceElement[0]);
        }

        @Override
        public String name() {
            return "failing byte[]";
        }

        @Override
        public byte[] allocate(int capacity) {
            if (failAllocate) {
                throw allocateFailure;
            }
            return BufferTypes.BYTE_ARRAY.allocate(capacity);
        }

        @Override
        public int capacity(byte[] buffer) {
            return BufferTypes.BYTE_ARRAY.capacity(buffer);
        }

        @Override
        public long sizeInBytes(byte[] buffer) {
            return BufferTypes.BYTE_ARRAY.sizeInBytes(buffer);
        }

        @Override
        public void reset(byte[] buffer) {
            if (failReset) {
                throw resetFailure;
            }
        }

        @Override
        public void zero(byte[] buffer) {
            BufferTypes.BYTE_ARRAY.zero(buffer);
        }
    }

    /** A pool of {@code type} that creates no buffer before the first acquisition. */
    private static BufferPool<byte[]> failing(BufferPoolProvider provider, boolean decorated, FailingType type) {
        return BadInputTableContractTest.open(provider, decorated, b -> provider.features().contains(PoolFeature.BOUNDED) ? b.preallocate(0) : b, type);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(EVERY_POOL)
    void anAllocateThatThrowsPassesThroughEveryAcquisitionAndThePoolKeepsWorking(BufferPoolProvider provider,
            boolean decorated) throws Exception {
        FailingType type = new FailingType();
        try (BufferPool<byte[]> pool = failing(provider, decorated, type)) {
            type.failAllocate = true;
            assertSame(type.allocateFailure, assertThrows(IllegalStateException.class, () -> pool.acquire(64)));
            assertSame(type.allocateFailure, assertThrows(IllegalStateException.class, () -> pool.tryAcquire(64)));
            assertSame(type.allocateFailure, assertThrows(IllegalStateException.class,
                    () -> pool.tryAcquire(64, 1, TimeUnit.MILLISECONDS)));
            type.failAllocate = false;
            BadInputTableContractTest.assertStillWorks(pool);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(EVERY_POOL)
    void aResetThatThrowsDropsTheBufferWithoutThrowingAndThePoolKeepsWorking(BufferPoolProvider provider,
            boolean decorated) {
        FailingType type = new FailingType();
        try (BufferPool<byte[]> pool = failing(provider, decorated, type)) {
            Lease<byte[]> lease = pool.acquire(64);
            byte[] dropped = lease.buffer();
            type.failReset = true;
            assertDoesNotThrow(lease::close, "Lease.close() never throws");
            if (provider.features().contains(PoolFeature.SHARING)) {
                SharedBuffer<byte[]> shared = pool.acquire(64).share();
                SharedBuffer<byte[]> more = shared.retain();
                assertDoesNotThrow(shared::close);
                assertDoesNotThrow(more::close, "the last close of a shared buffer never throws either");
            }
            type.failReset = false;
            PoolStats stats = pool.stats();
            assertTrue(stats.drops() == PoolStats.UNTRACKED || stats.drops() >= 1, () -> "the buffer is dropped: " + stats);
            try (Lease<byte[]> next = pool.acquire(64)) {
                assertNotSame(dropped, next.buffer(), "a buffer whose reset failed was kept");
            }
            BadInputTableContractTest.assertStillWorks(pool);
        }
    }
}
