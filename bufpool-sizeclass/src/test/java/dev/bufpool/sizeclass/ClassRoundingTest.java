package dev.bufpool.sizeclass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassRoundingTest {

    @ParameterizedTest(name = "{0} elements get {1}")
    @CsvSource({
        "0, 4096", "1, 4096", "4095, 4096", "4096, 4096",
        "4097, 65536", "65536, 65536",
        "65537, 262144", "262144, 262144",
        "262145, 1048576", "1048576, 1048576",
        "1048577, 1048577", "3000000, 3000000"})
    void aRequestGetsTheSmallestDefaultClassThatHoldsIt(int request, int capacity) {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY).build()) {
            assertEquals(capacity, pool.capacityFor(request));
            try (Lease<byte[]> lease = pool.acquire(request)) {
                assertEquals(capacity, lease.buffer().length);
                assertEquals(capacity, lease.capacity());
            }
        }
    }

    @ParameterizedTest(name = "{0} bytes get {1}")
    @CsvSource({"0, 4096", "4097, 65536", "1048576, 1048576", "1048577, 1048577"})
    void aByteBufferHasTheClassCapacityAndTheRequestedLimit(int request, int capacity) {
        try (SizeClassBufferPool<ByteBuffer> pool = SizeClassBufferPool.builder(BufferTypes.DIRECT_BYTE_BUFFER).build()) {
            try (Lease<ByteBuffer> lease = pool.acquire(request)) {
                assertEquals(capacity, lease.buffer().capacity());
                assertEquals(0, lease.buffer().position());
                assertEquals(request, lease.buffer().limit());
            }
        }
    }

    @ParameterizedTest(name = "{0} floats get {1}")
    @CsvSource({"1, 4096", "4097, 65536", "262145, 1048576"})
    void sizesAreCountedInElementsOfTheBufferType(int request, int capacity) {
        try (SizeClassBufferPool<float[]> pool = SizeClassBufferPool.builder(BufferTypes.FLOAT_ARRAY).build();
                Lease<float[]> lease = pool.acquire(request)) {
            assertEquals(capacity, lease.buffer().length);
            assertEquals(capacity * 4L, pool.type().sizeInBytes(lease.buffer()));
        }
    }

    @ParameterizedTest(name = "{0} elements get {1}")
    @CsvSource({"0, 16", "16, 16", "17, 1024", "1024, 1024", "1025, 1025"})
    void classesOfYourOwnRoundTheSameWay(int request, int capacity) {
        try (SizeClassBufferPool<byte[]> pool = SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)
                .sizeClasses(16, 1024).build()) {
            assertArrayEquals(new int[] {16, 1024}, pool.sizeClasses());
            try (Lease<byte[]> lease = pool.acquire(request)) {
                assertEquals(capacity, lease.buffer().length);
            }
        }
    }
}
