package dev.bufpool.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The cache protocol: a primitive count, and cells above it that may hold stale references. */
class ThreadCachesCellsTest {

    private static final int SIZE = 3;

    private static List<Object> cached(ThreadCaches<Object> caches) {
        List<Object> seen = new ArrayList<>();
        caches.forEachCached(seen::add);
        return seen;
    }

    @Test
    void aPoppedBufferIsNoLongerSeenAsCachedThoughItsCellStillHoldsIt() {
        ThreadCaches<Object> caches = new ThreadCaches<>(SIZE, SIZE, b -> { });
        Object[] cache = caches.current();
        Object a = new Object();
        Object b = new Object();
        assertTrue(ThreadCaches.push(cache, a));
        assertTrue(ThreadCaches.push(cache, b));
        assertSame(b, ThreadCaches.pop(cache));
        assertEquals(List.of(a), cached(caches));
        assertSame(b, cache[2], "left in its cell, so that pushing it back stores nothing");
    }

    @Test
    void pushingAnotherBufferOverwritesTheStaleCell() {
        ThreadCaches<Object> caches = new ThreadCaches<>(SIZE, SIZE, b -> { });
        Object[] cache = caches.current();
        Object a = new Object();
        Object b = new Object();
        ThreadCaches.push(cache, a);
        ThreadCaches.pop(cache);
        assertTrue(ThreadCaches.push(cache, b));
        assertSame(b, ThreadCaches.pop(cache));
        assertNull(ThreadCaches.pop(cache));
    }

    @Test
    void aFullCacheRefusesAndAnEmptyOneGivesNothing() {
        ThreadCaches<Object> caches = new ThreadCaches<>(SIZE, SIZE, b -> { });
        Object[] cache = caches.current();
        for (int i = 0; i < SIZE; i++) {
            assertTrue(ThreadCaches.push(cache, new Object()));
        }
        assertFalse(ThreadCaches.push(cache, new Object()));
        for (int i = 0; i < SIZE; i++) {
            ThreadCaches.pop(cache);
        }
        assertNull(ThreadCaches.pop(cache));
    }

    @Test
    void clearingTheCurrentCacheDrainsItAndForgetsEveryCell() {
        ThreadCaches<Object> caches = new ThreadCaches<>(SIZE, SIZE, b -> { });
        Object[] cache = caches.current();
        Object a = new Object();
        Object b = new Object();
        ThreadCaches.push(cache, a);
        ThreadCaches.push(cache, b);
        ThreadCaches.pop(cache);
        List<Object> drained = new ArrayList<>();
        assertEquals(1, caches.clearCurrent(drained::add));
        assertEquals(List.of(a), drained);
        for (int i = 1; i < cache.length; i++) {
            assertNull(cache[i], "cell " + i);
        }
    }

    @Test
    void anEndedThreadsCacheGivesBackItsLiveBuffersItsCellsAndItsBudget() throws InterruptedException {
        List<Object> drained = new ArrayList<>();
        ThreadCaches<Object> caches = new ThreadCaches<>(SIZE, SIZE, drained::add);
        Object kept = new Object();
        AtomicReference<Object[]> workerCache = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            Object[] cache = caches.current();
            workerCache.set(cache);
            ThreadCaches.push(cache, kept);
            ThreadCaches.push(cache, new Object());
            ThreadCaches.pop(cache);
        });
        worker.start();
        worker.join(10_000);
        assertFalse(worker.isAlive());
        assertEquals(SIZE + 1, workerCache.get().length, "the worker had the whole budget");
        assertEquals(1, caches.current().length, "so this thread got no cache");

        assertEquals(1, caches.sweep());
        assertEquals(List.of(kept), drained);
        for (int i = 1; i < workerCache.get().length; i++) {
            assertNull(workerCache.get()[i], "cell " + i);
        }
    }
}
