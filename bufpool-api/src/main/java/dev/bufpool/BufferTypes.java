package dev.bufpool;

import java.nio.ByteBuffer;

/**
 * The standard buffer types. Each constant is immutable, stateless and thread-safe.
 */
public final class BufferTypes {

    /** {@code byte[]}; reset does nothing, zero fills with {@code 0}. */
    public static final BufferType<byte[]> BYTE_ARRAY = new ByteArrayType();

    /**
     * Heap {@link ByteBuffer}: handed out with position 0 and limit equal to the requested size;
     * reset clears it and restores big-endian order; shared holders get read-only views.
     */
    public static final BufferType<ByteBuffer> HEAP_BYTE_BUFFER = new ByteBufferType(false);

    /** Direct {@link ByteBuffer}: as {@link #HEAP_BYTE_BUFFER}, but allocated off-heap. */
    public static final BufferType<ByteBuffer> DIRECT_BYTE_BUFFER = new ByteBufferType(true);

    /** {@code float[]}, for PCM audio and signal processing; four bytes an element. */
    public static final BufferType<float[]> FLOAT_ARRAY = new FloatArrayType();

    private BufferTypes() {
    }
}
