package dev.bufpool.bounded;

import dev.bufpool.BufferType;
import dev.bufpool.BufferTypes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code byte[]} whose allocate, reset or prepare fails on demand: each fails while its counter
 * of failures to come is above zero, counting it down.
 */
final class FlakyType implements BufferType<byte[]> {

    /** Thrown by a failing step. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String step) {
            super(step + " failed on purpose");
        }
    }

    final AtomicInteger allocateFailures = new AtomicInteger();
    final AtomicInteger resetFailures = new AtomicInteger();
    final AtomicInteger prepareFailures = new AtomicInteger();
    final AtomicInteger allocations = new AtomicInteger();
    /** When set, allocate hands out a buffer one element short. */
    volatile boolean shortBuffers;

    private static void maybeFail(AtomicInteger failures, String step) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new Failure(step);
        }
    }

    @Override
    public String name() {
        return "flaky byte[]";
    }

    @Override
    public byte[] allocate(int capacity) {
        maybeFail(allocateFailures, "allocate");
        allocations.incrementAndGet();
        return new byte[shortBuffers ? capacity - 1 : capacity];
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
    public byte[] prepare(byte[] buffer, int requestedCapacity) {
        maybeFail(prepareFailures, "prepare");
        return buffer;
    }

    @Override
    public void reset(byte[] buffer) {
        maybeFail(resetFailures, "reset");
    }

    @Override
    public void zero(byte[] buffer) {
        BufferTypes.BYTE_ARRAY.zero(buffer);
    }
}
