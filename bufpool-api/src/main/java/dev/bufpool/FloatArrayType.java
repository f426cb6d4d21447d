package dev.bufpool;

import java.util.Arrays;

/** {@link BufferTypes#FLOAT_ARRAY}. */
final class FloatArrayType implements BufferType<float[]> {

    @Override
    public String name() {
        return "float[]";
    }

    @Override
    public float[] allocate(int capacity) {
        return new float[capacity];
    }

    @Override
    public int capacity(float[] buffer) {
        return buffer.length;
    }

    @Override
    public long sizeInBytes(float[] buffer) {
        return (long) buffer.length * Float.BYTES;
    }

    @Override
    public void reset(float[] buffer) {
        // An array has no state besides its contents.
    }

    @Override
    public void zero(float[] buffer) {
        Arrays.fill(buffer, 0f);
    }

    @Override
    public String toString() {
        return name();
    }
}
