package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferType;
import dev.bufpool.Lease;
import dev.bufpool.PoolFeature;
import dev.bufpool.SharedBuffer;
import dev.bufpool.spi.BufferPoolProvider;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.params.ParameterizedTest;

/** {@link Lease#share()}: a read-only, reference-counted buffer, or a clear refusal. */
class SharingContractTest {

    @ParameterizedTest(name = "{0} {1}")
    @ApplicableProviders(offering = PoolFeature.SHARING, types = ApplicableProviders.Types.BYTE_BUFFERS)
    void aSharedByteBufferIsAReadOnlyViewWithThePositionAndLimitItHadWhenShared(
            BufferPoolProvider provider, BufferType<ByteBuffer> type) {
        try (BufferPool<ByteBuffer> pool = ContractKit.open(provider, type)) {
            Lease<ByteBuffer> lease = pool.acquire(32);
            lease.buffer().put((byte) 7).put((byte) 8).flip();
            try (SharedBuffer<ByteBuffer> first = lease.share(); SharedBuffer<ByteBuffer> second = first.retain()) {
                ByteBuffer view = first.buffer();
                assertTrue(view.isReadOnly(), "a shared byte buffer is read-only");
                assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 1));
                assertEquals(0, view.position());
                assertEquals(2, view.limit());
                assertEquals(7, view.get());
                ByteBuffer other = second.buffer();
                assertNotSame(view, other, "each handle has a view of its own");
                assertEquals(0, other.position(), "reading through one view moves no other");
                assertEquals(8, other.get(1));
                assertEquals(lease.capacity(), first.capacity());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = PoolFeature.SHARING)
    void aSharedLeaseIsUsedUp(BufferPoolProvider provider) {
        try (BufferPool<byte[]> pool = ContractKit.bytes(provider)) {
            Lease<byte[]> lease = pool.acquire(64);
            byte[] buffer = lease.buffer();
            SharedBuffer<byte[]> shared = lease.share();
            assertSame(buffer, shared.buffer(), "an array is shared as itself");
            assertThrows(IllegalStateException.class, lease::buffer);
            assertThrows(IllegalStateException.class, lease::share);
            lease.close();
            try (Lease<byte[]> other = pool.acquire(64)) {
                assertNotSame(buffer, other.buffer(), "closing a shared lease gave the buffer back");
            }
            shared.close();
            assertThrows(IllegalStateException.class, shared::buffer);
            assertThrows(IllegalStateException.class, shared::retain);
            assertEquals(lease.capacity(), shared.capacity(), "capacity still answers after close");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = PoolFeature.SHARING)
    void aClosedLeaseCannotBeShared(BufferPoolProvider provider) {
        try (BufferPool<byte[]> pool = ContractKit.bytes(provider)) {
            Lease<byte[]> lease = pool.acquire(64);
            lease.close();
            assertThrows(IllegalStateException.class, lease::share);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = PoolFeature.SHARING)
    void closingOneHandleTwiceDoesNotReleaseTheHoldOfAnother(BufferPoolProvider provider) {
        try (BufferPool<byte[]> pool = ContractKit.bytes(provider)) {
            Lease<byte[]> lease = pool.acquire(64);
            byte[] buffer = lease.buffer();
            SharedBuffer<byte[]> first = lease.share();
            SharedBuffer<byte[]> second = first.retain();
            first.close();
            first.close();
            SharingChecks.assertNotHandedOut(pool, buffer);
            assertSame(buffer, second.buffer(), "the remaining holder still has the buffer");
            second.close();
            assertDoesNotThrow(second::close);
            SharingChecks.assertNoBufferHeldTwice(pool);
        }
    }

    /**
     * No provider built here lacks sharing, so in this build the rule has no discovered case: the
     * kit's self-test runs it on a provider without sharing, and a provider added without it gets
     * its case here.
     */
    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @ApplicableProviders(lacking = PoolFeature.SHARING)
    void sharingIsRefusedWithUnsupportedOperationExceptionByAPoolWithoutSharing(BufferPoolProvider provider) {
        try (BufferPool<byte[]> pool = ContractKit.bytes(provider)) {
            Lease<byte[]> lease = pool.acquire(64);
            assertThrows(UnsupportedOperationException.class, lease::share);
            lease.buffer()[0] = 1;
            lease.close();
            assertThrows(IllegalStateException.class, lease::buffer);
        }
    }
}
