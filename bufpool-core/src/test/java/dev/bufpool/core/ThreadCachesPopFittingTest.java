package dev.bufpool.core;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.bufpool.BufferTypes;
import org.junit.jupiter.api.Test;

class ThreadCachesPopFittingTest {

    private final ThreadCaches<byte[]> caches = new ThreadCaches<>(4, 16, b -> { });

    @Test
    void takesTheNewestBufferWhoseCapacityFits() {
        Object[] cache = caches.current();
        byte[] small = new byte[16];
        byte[] olderLarge = new byte[64];
        byte[] newerLarge = new byte[64];
        ThreadCaches.push(cache, olderLarge);
        ThreadCaches.push(cache, small);
        ThreadCaches.push(cache, newerLarge);

        assertSame(newerLarge, ThreadCaches.popFitting(cache, BufferTypes.BYTE_ARRAY, 64, 64));
        assertSame(olderLarge, ThreadCaches.popFitting(cache, BufferTypes.BYTE_ARRAY, 64, 64));
        assertNull(ThreadCaches.popFitting(cache, BufferTypes.BYTE_ARRAY, 64, 64));
        assertSame(small, ThreadCaches.pop(cache), "the buffer that did not fit stays cached");
        assertNull(ThreadCaches.pop(cache));
    }

    @Test
    void aBufferTakenFromBelowTheTopLeavesTheRestCachedOnce() {
        Object[] cache = caches.current();
        byte[] a = new byte[8];
        byte[] b = new byte[32];
        byte[] c = new byte[8];
        ThreadCaches.push(cache, a);
        ThreadCaches.push(cache, b);
        ThreadCaches.push(cache, c);

        assertSame(b, ThreadCaches.popFitting(cache, BufferTypes.BYTE_ARRAY, 9, 100));
        assertSame(c, ThreadCaches.pop(cache));
        assertSame(a, ThreadCaches.pop(cache));
        assertNull(ThreadCaches.pop(cache));
    }

    @Test
    void aCacheOfCapacityZeroFitsNothing() {
        Object[] none = new ThreadCaches<byte[]>(0, 0, b -> { }).current();
        assertNull(ThreadCaches.popFitting(none, BufferTypes.BYTE_ARRAY, 0, Integer.MAX_VALUE));
    }
}
