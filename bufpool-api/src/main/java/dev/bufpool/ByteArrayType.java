package dev.bufpool;

import java.util.Arrays;

/** {@link BufferTypes#BYTE_ARRAY}. */
final class ByteArrayType implements BufferType<byte[]> {

    @Override
    public String name() {
        return "byte[]";
    }

    @Override
    public byte[] allocate(int capacity) {
        return new byte[capacity];
    }

    @Override
    public int capacity(byte[] buffer) {
        return buffer.length;
    }

    @Override
    public long sizeInBytes(byte[] buffer) {
        return buffer.length;
    }

    @Override
    public void reset(byte[] buffer) {
        // An array has no state besides its contents.
    }

    @Override
    public void zero(byte[] buffer) {
        Arrays.fill(buffer, (byte) 0);
    }

    @Override
    public String toString() {
        return name();
    }
}
