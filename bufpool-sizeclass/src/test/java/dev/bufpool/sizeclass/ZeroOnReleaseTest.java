package dev.bufpool.sizeclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.bufpool.BufferType;
import dev.bufpool.Lease;
import dev.bufpool.SharedBuffer;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With zeroOnRelease, the next holder of a buffer sees only zeros, whichever way the buffer came
 * back. Each test checks that the buffer it gets is the very one written to (so a fresh, zeroed
 * allocation cannot pass it), and the control test shows the writes survive without zeroing.
 */
class ZeroOnReleaseTest {

    static Stream<Named<BufferType<?>>> types() {
        return Contents.STANDARD_TYPES.stream().map(t -> Named.of(t.name(), t));
    }

    private static <T> SizeClassBufferPool.Builder<T> zeroing(BufferType<T> type) {
        return SizeClassBufferPool.builder(type).sizeClasses(1024, 8192).zeroOnRelease(true);
    }

    private static <T> T written(Lease<T> lease) {
        T buffer = lease.buffer();
        Contents.scribble(buffer);
        return buffer;
    }

    private static <T> void assertWipedReuse(SizeClassBufferPool<T> pool, T expected, int size) {
        try (Lease<T> lease = pool.acquire(size)) {
            assertSame(expected, lease.buffer(), "the same buffer comes back");
            assertEquals(-1, Contents.firstNonZero(lease.buffer()), "the next holder sees only zeros");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T> void closingALeaseIntoTheThreadCacheWipesIt(BufferType<T> type) {
        try (SizeClassBufferPool<T> pool = zeroing(type).build()) {
            Lease<T> lease = pool.acquire(1000);
            T buffer = written(lease);
            lease.close();
            assertWipedReuse(pool, buffer, 1000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T> void closingALeaseIntoTheFreeListWipesIt(BufferType<T> type) {
        try (SizeClassBufferPool<T> pool = zeroing(type).threadCacheSize(0).build()) {
            Lease<T> lease = pool.acquire(5000);
            T buffer = written(lease);
            lease.close();
            assertEquals(1, pool.freeBuffers(8192));
            assertWipedReuse(pool, buffer, 5000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T> void theLastCloseOfASharedBufferWipesItAndNoEarlierClose(BufferType<T> type) {
        try (SizeClassBufferPool<T> pool = zeroing(type).threadCacheSize(0).build()) {
            Lease<T> lease = pool.acquire(1000);
            T buffer = written(lease);
            SharedBuffer<T> first = lease.share();
            SharedBuffer<T> second = first.retain();
            first.close();
            assertNotEquals(-1, Contents.firstNonZero(second.buffer()), "a holder still reads the data");
            second.close();
            assertWipedReuse(pool, buffer, 1000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T> void buffersInTheCacheOfAnEndedThreadComeBackWiped(BufferType<T> type) throws InterruptedException {
        try (SizeClassBufferPool<T> pool = zeroing(type).preallocate(1024, 1).build()) {
            AtomicReference<T> used = new AtomicReference<>();
            Workers.runAndJoin(() -> {
                Lease<T> lease = pool.acquire(1000);
                used.set(written(lease));
                lease.close();
            });
            assertEquals(0, pool.freeBuffers(1024), "left in the ended thread's cache");
            pool.trim(); // takes the ended thread's cache back, and keeps the preallocated count
            assertEquals(1, pool.freeBuffers(1024), "the ended thread's buffer came back");
            assertWipedReuse(pool, used.get(), 1000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T> void aBufferMovedFromTheCallersCacheByTrimIsWiped(BufferType<T> type) throws InterruptedException {
        try (SizeClassBufferPool<T> pool = zeroing(type).preallocate(8192, 1).build()) {
            Lease<T> lease = pool.acquire(8000);
            T buffer = written(lease);
            lease.close();
            assertEquals(0, pool.freeBuffers(8192), "in this thread's cache");
            pool.trim();
            assertEquals(1, pool.freeBuffers(8192), "moved to the free list, within the preallocated count");
            Workers.runAndJoin(() -> assertWipedReuse(pool, buffer, 8000));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T> void buffersThePoolDropsAreWipedToo(BufferType<T> type) {
        SizeClassBufferPool<T> pool = zeroing(type).build();
        Lease<T> exact = pool.acquire(10_000);
        T exactBuffer = written(exact);
        exact.close();
        assertEquals(-1, Contents.firstNonZero(exactBuffer), "an exact-size buffer, never kept");

        Lease<T> late = pool.acquire(1000);
        T lateBuffer = written(late);
        pool.close();
        late.close();
        assertEquals(-1, Contents.firstNonZero(lateBuffer), "a buffer given back to a closed pool");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T> void withoutZeroingTheNextHolderSeesTheOldData(BufferType<T> type) {
        try (SizeClassBufferPool<T> pool = SizeClassBufferPool.builder(type).sizeClasses(1024).build()) {
            Lease<T> lease = pool.acquire(1000);
            T buffer = written(lease);
            lease.close();
            try (Lease<T> again = pool.acquire(1000)) {
                assertSame(buffer, again.buffer());
                assertEquals(0, Contents.firstNonZero(again.buffer()), "the control: data survives");
            }
        }
    }
}
