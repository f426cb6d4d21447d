package dev.bufpool.sizeclass;

import dev.bufpool.BufferType;
import dev.bufpool.BufferTypes;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/** Writes and checks the contents of the standard buffer types, for the tests. */
final class Contents {

    static final List<BufferType<?>> STANDARD_TYPES = List.of(BufferTypes.BYTE_ARRAY,
            BufferTypes.HEAP_BYTE_BUFFER, BufferTypes.DIRECT_BYTE_BUFFER, BufferTypes.FLOAT_ARRAY);

    private Contents() {
    }

    /** Fills every element of {@code buffer} with a non-zero value. */
    static void scribble(Object buffer) {
        if (buffer instanceof byte[]) {
            Arrays.fill((byte[]) buffer, (byte) 0x5A);
        } else if (buffer instanceof float[]) {
            Arrays.fill((float[]) buffer, 42f);
        } else {
            ByteBuffer bytes = whole((ByteBuffer) buffer);
            for (int i = 0; i < bytes.capacity(); i++) {
                bytes.put(i, (byte) 0x5A);
            }
        }
    }

    /** @return the index of the first non-zero element of {@code buffer}, or -1 if all are zero */
    static int firstNonZero(Object buffer) {
        if (buffer instanceof byte[]) {
            byte[] bytes = (byte[]) buffer;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != 0) {
                    return i;
                }
            }
        } else if (buffer instanceof float[]) {
            float[] floats = (float[]) buffer;
            for (int i = 0; i < floats.length; i++) {
                if (floats[i] != 0f) {
                    return i;
                }
            }
        } else {
            ByteBuffer bytes = whole((ByteBuffer) buffer);
            for (int i = 0; i < bytes.capacity(); i++) {
                if (bytes.get(i) != 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** A view of all of {@code buffer}, whatever its limit, without changing it. */
    private static ByteBuffer whole(ByteBuffer buffer) {
        return buffer.duplicate().clear();
    }
}
