package dev.bufpool.bench;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a file through a {@code FileChannel} in 1 MiB chunks, each into a direct buffer: one op
 * reads the whole {@value #FILE_MIB} MiB file (from the page cache after the first) and sums one
 * byte of every chunk. Pooled direct buffers against a fresh {@code allocateDirect} per chunk, a
 * fresh heap buffer per chunk, and one direct buffer reused throughout (the floor). One thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FileIngestBenchmark {

    static final int FILE_MIB = 256;
    static final int CHUNK = 1 << 20;

    /** The file, written once per trial into {@code java.io.tmpdir} and deleted after. */
    @State(Scope.Benchmark)
    public static class Input {
        Path file;
        FileChannel channel;

        @Setup(Level.Trial)
        public void write() throws IOException {
            file = Files.createTempFile("bufpool-ingest", ".bin");
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            new SplittableRandom(7).ints(CHUNK / 4).forEach(chunk::putInt);
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                for (int i = 0; i < FILE_MIB; i++) {
                    chunk.clear();
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                }
            }
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            channel.close();
            Files.deleteIfExists(file);
        }

        /** Reads the chunk at {@code index} into the first {@code CHUNK} bytes of {@code buffer}; returns its first byte. */
        byte read(int index, ByteBuffer buffer) throws IOException {
            buffer.clear().limit(CHUNK);
            long position = (long) index * CHUNK;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position + buffer.position());
                if (read < 0) {
                    throw new IOException("file shorter than " + FILE_MIB + " MiB: " + file);
                }
            }
            return buffer.get(0);
        }
    }

    /** A pool of this project handing out direct buffers of one chunk. */
    @State(Scope.Benchmark)
    public static class Pooled {
        @Param({"sharded", "sizeclass", "bounded"})
        public String provider;

        BufferPool<ByteBuffer> pool;

        @Setup(Level.Trial)
        public void open() {
            pool = BufferPools.create(OurPool.spec(BufferTypes.DIRECT_BYTE_BUFFER, provider, "plain", CHUNK).build());
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
        }
    }

    /** The floor's one reused buffer. */
    @State(Scope.Benchmark)
    public static class OneBuffer {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
    }

    @Benchmark
    public long pooledDirect(Input input, Pooled pooled) throws IOException {
        long sum = 0;
        for (int i = 0; i < FILE_MIB; i++) {
            try (Lease<ByteBuffer> lease = pooled.pool.acquire(CHUNK)) {
                sum += input.read(i, lease.buffer());
            }
        }
        return sum;
    }

    @Benchmark
    public long oneBufferFloor(Input input, OneBuffer one) throws IOException {
        long sum = 0;
        for (int i = 0; i < FILE_MIB; i++) {
            sum += input.read(i, one.buffer);
        }
        return sum;
    }

    @Benchmark
    public long freshDirect(Input input) throws IOException {
        long sum = 0;
        for (int i = 0; i < FILE_MIB; i++) {
            sum += input.read(i, ByteBuffer.allocateDirect(CHUNK));
        }
        return sum;
    }

    @Benchmark
    public long freshHeap(Input input) throws IOException {
        long sum = 0;
        for (int i = 0; i < FILE_MIB; i++) {
            sum += input.read(i, ByteBuffer.allocate(CHUNK));
        }
        return sum;
    }
}
