package dev.bufpool;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** {@link BufferTypes#HEAP_BYTE_BUFFER} and {@link BufferTypes#DIRECT_BYTE_BUFFER}. */
final class ByteBufferType implements BufferType<ByteBuffer> {

    /** Source for wiping direct buffers in chunks; never written. */
    private static final byte[] ZEROS = new byte[8192];

    private final boolean direct;

    ByteBufferType(boolean direct) {
        this.direct = direct;
    }

    @Override
    public String name() {
        return direct ? "direct ByteBuffer" : "heap ByteBuffer";
    }

    @Override
    public ByteBuffer allocate(int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    @Override
    public int capacity(ByteBuffer buffer) {
        return buffer.capacity();
    }

    @Override
    public long sizeInBytes(ByteBuffer buffer) {
        return buffer.capacity();
    }

    @Override
    public ByteBuffer prepare(ByteBuffer buffer, int requestedCapacity) {
        return buffer.clear().limit(requestedCapacity);
    }

    @Override
    public void reset(ByteBuffer buffer) {
        buffer.clear().order(ByteOrder.BIG_ENDIAN);
    }

    @Override
    public void zero(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            int from = buffer.arrayOffset();
            Arrays.fill(buffer.array(), from, from + buffer.capacity(), (byte) 0);
            return;
        }
        int capacity = buffer.capacity();
        int limit = buffer.limit();
        buffer.limit(capacity); // absolute bulk puts are bounded by the limit, not the capacity
        for (int at = 0; at < capacity; at += ZEROS.length) {
            buffer.put(at, ZEROS, 0, Math.min(ZEROS.length, capacity - at));
        }
        buffer.limit(limit);
    }

    @Override
    public ByteBuffer readOnlyView(ByteBuffer buffer) {
        return buffer.asReadOnlyBuffer();
    }

    @Override
    public String toString() {
        return name();
    }
}
