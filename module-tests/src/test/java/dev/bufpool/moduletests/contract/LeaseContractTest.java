package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferType;
import dev.bufpool.Lease;
import dev.bufpool.spi.BufferPoolProvider;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.InvalidMarkException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A lease: its buffer comes ready, its close is idempotent and a stale lease is harmless. */
class LeaseContractTest {

    private static final int HELD = 4;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(ContractKit.PROVIDERS_AND_BYTE_BUFFERS)
    void aByteBufferComesClearedEvenAfterTheLastHolderMovedItsPositionLimitMarkAndOrder(
            BufferPoolProvider provider, BufferType<ByteBuffer> type) {
        try (BufferPool<ByteBuffer> pool = ContractKit.open(provider, type)) {
            for (int requested : new int[] {100, 64, 100, 1}) {
                List<Lease<ByteBuffer>> leases = new ArrayList<>();
                for (int i = 0; i < HELD; i++) {
                    Lease<ByteBuffer> lease = pool.acquire(requested);
                    assertCleared(lease.buffer(), requested);
                    leases.add(lease);
                }
                for (Lease<ByteBuffer> lease : leases) {
                    ByteBuffer buffer = lease.buffer();
                    buffer.order(ByteOrder.LITTLE_ENDIAN).position(requested / 2).mark();
                    buffer.limit(Math.max(requested / 2, requested - 1));
                    lease.close();
                }
            }
        }
    }

    private static void assertCleared(ByteBuffer buffer, int requested) {
        assertEquals(0, buffer.position(), "position");
        assertEquals(requested, buffer.limit(), "limit");
        assertEquals(ByteOrder.BIG_ENDIAN, buffer.order(), "order");
        assertThrows(InvalidMarkException.class, buffer::reset, "a mark left by the last holder");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void closingTwiceGivesTheBufferBackOnce(BufferPoolProvider provider) {
        try (BufferPool<byte[]> pool = ContractKit.bytes(provider)) {
            Lease<byte[]> lease = pool.acquire(64);
            lease.close();
            lease.close();
            try (Lease<byte[]> first = pool.acquire(64); Lease<byte[]> second = pool.acquire(64)) {
                assertNotSame(first.buffer(), second.buffer(), "one buffer handed to two holders");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void aStaleLeaseClosedAgainDoesNotTouchTheBufferOfItsNextHolder(BufferPoolProvider provider) {
        try (BufferPool<byte[]> pool = ContractKit.bytes(provider)) {
            List<Lease<byte[]>> stale = acquire(pool, HELD);
            stale.forEach(Lease::close);
            List<Lease<byte[]>> holders = acquire(pool, HELD);
            stale.forEach(Lease::close);
            List<Lease<byte[]>> later = acquire(pool, HELD);
            for (Lease<byte[]> holder : holders) {
                byte[] held = holder.buffer();
                for (Lease<byte[]> other : later) {
                    assertNotSame(held, other.buffer(), "a stale close put a held buffer back");
                }
            }
            holders.forEach(Lease::close);
            later.forEach(Lease::close);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void bufferAfterCloseThrowsIllegalStateExceptionAndCapacityStillAnswers(BufferPoolProvider provider) {
        try (BufferPool<byte[]> pool = ContractKit.bytes(provider)) {
            Lease<byte[]> lease = pool.acquire(300);
            byte[] buffer = lease.buffer();
            assertSame(buffer, lease.buffer(), "buffer() twice on an open lease");
            int capacity = lease.capacity();
            lease.close();
            assertThrows(IllegalStateException.class, lease::buffer);
            assertEquals(capacity, lease.capacity());
            lease.close();
            assertThrows(IllegalStateException.class, lease::buffer);
        }
    }

    private static List<Lease<byte[]>> acquire(BufferPool<byte[]> pool, int count) {
        List<Lease<byte[]>> leases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leases.add(pool.acquire(64));
        }
        return leases;
    }
}
