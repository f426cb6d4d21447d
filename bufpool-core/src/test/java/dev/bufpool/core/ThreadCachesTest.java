package dev.bufpool.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadCachesTest {

    private final List<String> drained = new CopyOnWriteArrayList<>();

    @Test
    void cacheIsALastInFirstOutStackOfItsSize() {
        ThreadCaches<String> caches = new ThreadCaches<>(2, 8, drained::add);
        Object[] cache = caches.current();
        assertTrue(ThreadCaches.push(cache, "a"));
        assertTrue(ThreadCaches.push(cache, "b"));
        assertFalse(ThreadCaches.push(cache, "c"));
        assertEquals("b", ThreadCaches.pop(cache));
        assertEquals("a", ThreadCaches.pop(cache));
        assertNull(ThreadCaches.pop(cache));
        assertSame(cache, caches.current());
    }

    @Test
    void sizeZeroGivesACacheThatHoldsNothing() {
        ThreadCaches<String> caches = new ThreadCaches<>(0, 8, drained::add);
        assertFalse(ThreadCaches.push(caches.current(), "a"));
        assertNull(ThreadCaches.pop(caches.current()));
    }

    @Test
    void threadsBeyondTheBudgetGetNoCache() throws Exception {
        ThreadCaches<String> caches = new ThreadCaches<>(2, 2, drained::add);
        assertTrue(ThreadCaches.push(caches.current(), "mine"));
        AtomicReference<Boolean> otherCouldCache = new AtomicReference<>();
        Thread other = new Thread(() -> otherCouldCache.set(ThreadCaches.push(caches.current(), "theirs")));
        other.start();
        other.join();
        assertFalse(otherCouldCache.get());
    }

    @Test
    void cacheOfAnEndedThreadIsDrainedOnceAndItsBudgetReturned() throws Exception {
        ThreadCaches<String> caches = new ThreadCaches<>(2, 2, drained::add);
        Thread owner = new Thread(() -> {
            Object[] cache = caches.current();
            ThreadCaches.push(cache, "x");
            ThreadCaches.push(cache, "y");
        });
        owner.start();
        owner.join();
        assertEquals(2, caches.sweep());
        assertEquals(0, caches.sweep());
        assertEquals(List.of("x", "y"), drained);
        // the budget came back: this thread can now have a cache
        assertTrue(ThreadCaches.push(caches.current(), "z"));
    }

    @Test
    void sweepLeavesLiveThreadsCachesAlone() {
        ThreadCaches<String> caches = new ThreadCaches<>(2, 8, drained::add);
        ThreadCaches.push(caches.current(), "live");
        assertEquals(0, caches.sweep());
        List<String> cached = new ArrayList<>();
        caches.forEachCached(cached::add);
        assertEquals(List.of("live"), cached);
    }

    @Test
    void clearCurrentEmptiesOnlyTheCallersCache() {
        ThreadCaches<String> caches = new ThreadCaches<>(4, 8, drained::add);
        ThreadCaches.push(caches.current(), "a");
        ThreadCaches.push(caches.current(), "b");
        List<String> cleared = new ArrayList<>();
        assertEquals(2, caches.clearCurrent(cleared::add));
        assertEquals(List.of("b", "a"), cleared);
        assertNull(ThreadCaches.pop(caches.current()));
    }

    @Test
    void forgetAllDropsTheRegistry() {
        ThreadCaches<String> caches = new ThreadCaches<>(2, 8, drained::add);
        ThreadCaches.push(caches.current(), "a");
        caches.forgetAll();
        List<String> cached = new ArrayList<>();
        caches.forEachCached(cached::add);
        assertTrue(cached.isEmpty());
    }

    @Test
    void aPoppedBufferIsNoLongerSeenAsCachedAndPushingItBackRestoresIt() {
        ThreadCaches<String> caches = new ThreadCaches<>(2, 8, drained::add);
        Object[] cache = caches.current();
        ThreadCaches.push(cache, "a");
        assertEquals("a", ThreadCaches.pop(cache));
        List<String> cached = new ArrayList<>();
        caches.forEachCached(cached::add);
        assertTrue(cached.isEmpty(), "popped buffer still listed: " + cached);
        ThreadCaches.push(cache, "a");
        ThreadCaches.push(cache, "b");
        caches.forEachCached(cached::add);
        assertEquals(List.of("a", "b"), cached);
        assertEquals("b", ThreadCaches.pop(cache));
        ThreadCaches.push(cache, "c");
        assertEquals("c", ThreadCaches.pop(cache));
        assertEquals("a", ThreadCaches.pop(cache));
    }

    @Test
    void aThreadRefusedForWantOfBudgetGetsACacheOnceAnEndedThreadsIsTakenBack() throws Exception {
        ThreadCaches<String> caches = new ThreadCaches<>(2, 2, drained::add);
        Thread owner = new Thread(() -> ThreadCaches.push(caches.current(), "x"));
        owner.start();
        owner.join();
        assertFalse(ThreadCaches.push(caches.current(), "refused"), "the budget is the ended thread's");
        caches.sweep();
        assertTrue(ThreadCaches.push(caches.current(), "mine"), "the budget came back to a waiting thread");
        assertEquals(List.of("x"), drained);
    }

    @Test
    void threadsAliveTogetherEachKeepTheirOwnCacheEvenWhenTheirIdsShareAnOwnerSlot() throws Exception {
        // More live threads than the owner table has entries: some ids collide, and each thread
        // must still find its own cache, never another's, on every call.
        int threads = 300;
        ThreadCaches<String> caches = new ThreadCaches<>(1, threads, drained::add);
        CountDownLatch allCached = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                String mine = Thread.currentThread().getName();
                Object[] first = caches.current();
                ThreadCaches.push(first, mine);
                allCached.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 100; i++) {
                    Object[] cache = caches.current();
                    String popped = ThreadCaches.pop(cache);
                    if (cache != first || !mine.equals(popped)) {
                        wrong.add(mine + " got " + popped);
                    }
                    ThreadCaches.push(cache, popped);
                }
            });
            started.add(thread);
            thread.start();
        }
        assertTrue(allCached.await(30, TimeUnit.SECONDS));
        go.countDown();
        for (Thread thread : started) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(thread.isAlive());
        }

        assertTrue(wrong.isEmpty(), "threads handed another cache: " + wrong);
    }

    @Test
    @SuppressWarnings("deprecation") // getId(): threadId() arrived in 19
    void aThreadWhoseIdSharesAnEndedThreadsSlotGetsAFreshCacheNotTheEndedOnes() throws Exception {
        ThreadCaches<String> caches = new ThreadCaches<>(2, 64, drained::add);
        AtomicReference<Long> firstId = new AtomicReference<>();
        Thread first = new Thread(() -> {
            firstId.set(Thread.currentThread().getId());
            ThreadCaches.push(caches.current(), "left by the ended thread");
        });
        first.start();
        first.join();

        // New threads until one's id falls in the same slot of a table of any power-of-two size up
        // to 1024; ids only grow, so this makes at most 1024 thread objects, and starts one.
        AtomicReference<Object> popped = new AtomicReference<>("not run");
        Thread follower;
        do {
            follower = new Thread(() -> popped.set(ThreadCaches.pop(caches.current())));
        } while ((follower.getId() - firstId.get()) % 1024 != 0);
        follower.start();
        follower.join();

        assertNull(popped.get(), "a fresh cache holds nothing");
        assertEquals(1, caches.sweep());
        assertEquals(List.of("left by the ended thread"), drained);
    }
}
