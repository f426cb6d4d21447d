package dev.bufpool.sizeclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.bufpool.BufferType;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A buffer whose type fails to reset or wipe it is dropped and counted, never kept, and the pool
 * goes on working.
 */
class FailingTypeTest {

    /** The byte-array type, failing to reset, or to wipe, while {@code failing} is set. */
    private static final class Failing implements BufferType<byte[]> {
        private static final BufferType<byte[]> BYTES = BufferTypes.BYTE_ARRAY;
        private final boolean inReset;
        boolean failing = true;

        Failing(boolean inReset) {
            this.inReset = inReset;
        }

        @Override
        public String name() {
            return "failing byte[]";
        }

        @Override
        public byte[] allocate(int capacity) {
            return BYTES.allocate(capacity);
        }

        @Override
        public int capacity(byte[] buffer) {
            return BYTES.capacity(buffer);
        }

        @Override
        public long sizeInBytes(byte[] buffer) {
            return BYTES.sizeInBytes(buffer);
        }

        @Override
        public void reset(byte[] buffer) {
            if (failing && inReset) {
                throw new IllegalStateException("reset failed");
            }
        }

        @Override
        public void zero(byte[] buffer) {
            if (failing && !inReset) {
                throw new IllegalStateException("wipe failed");
            }
            BYTES.zero(buffer);
        }
    }

    @ParameterizedTest(name = "failing in reset: {0}")
    @ValueSource(booleans = {true, false})
    void aBufferTheTypeFailsToScrubIsDroppedAndThePoolGoesOn(boolean inReset) {
        Failing type = new Failing(inReset);
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(type)
                .sizeClasses(1024).zeroOnRelease(true).build()) {
            Lease<byte[]> lease = pool.acquire(1000);
            byte[] dropped = lease.buffer();
            lease.close();
            assertEquals(1, pool.stats().drops(), "the buffer is dropped and counted");
            assertEquals(0, pool.stats().idleBuffers(), "nothing is kept");

            type.failing = false;
            byte[] next;
            try (Lease<byte[]> again = pool.acquire(1000)) {
                next = again.buffer();
                assertNotSame(dropped, next, "the dropped buffer is not handed out again");
            }
            try (Lease<byte[]> third = pool.acquire(1000)) {
                assertSame(next, third.buffer(), "the pool keeps and reuses buffers again");
            }
            assertEquals(1, pool.stats().drops());
        }
    }
}
