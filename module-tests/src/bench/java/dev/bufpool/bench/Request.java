package dev.bufpool.bench;

import dev.bufpool.BufferType;
import dev.bufpool.BufferTypes;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a benchmark asks every pool for: the kind of buffer and its size. The mixed-size and
 * cross-thread suites read {@code bytes} as their largest request (their runner fixes it).
 */
@State(Scope.Benchmark)
public class Request {

    /** {@code heap}: {@code byte[]} (or a heap {@code ByteBuffer} where a pool has no arrays); {@code direct}. */
    @Param({"heap", "direct"})
    public String kind;

    /** The request, in bytes. */
    @Param({"1024", "65536", "1048576"})
    public int bytes;

    boolean direct;

    @Setup
    public void read() {
        if (!kind.equals("heap") && !kind.equals("direct")) {
            throw new IllegalArgumentException("kind must be heap or direct, not " + kind);
        }
        direct = kind.equals("direct");
    }

    /** @return this project's buffer type for the kind: {@code byte[]} or direct {@code ByteBuffer} */
    BufferType<?> type() {
        return direct ? BufferTypes.DIRECT_BYTE_BUFFER : BufferTypes.BYTE_ARRAY;
    }

    /** @return a new buffer of the kind, {@code capacity} bytes: no pool */
    Object allocate(int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : new byte[capacity];
    }

    /**
     * The work every benchmark does with a buffer: write one byte, read it back.
     *
     * @param buffer a {@code byte[]} or a {@code ByteBuffer}
     * @return the byte read
     */
    static byte touch(Object buffer) {
        if (buffer instanceof byte[]) {
            byte[] array = (byte[]) buffer;
            array[0] = 1;
            return array[0];
        }
        ByteBuffer bytes = (ByteBuffer) buffer;
        bytes.put(0, (byte) 1);
        return bytes.get(0);
    }
}
