package dev.bufpool.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ThreadCaches} holding the cache of one thread that has ended: the thread was started,
 * pushed two buffers into its cache, and was joined, all before the race. The drain counts how often
 * each buffer was handed back.
 */
final class ThreadCachesEnded {

    /** The two buffers the ended thread cached. */
    final Object first = new Object();
    final Object second = new Object();
    final AtomicInteger firstDrained = new AtomicInteger();
    final AtomicInteger secondDrained = new AtomicInteger();
    final ThreadCaches<Object> caches = new ThreadCaches<>(2, 4, this::drained);

    ThreadCachesEnded() {
        Thread owner = new Thread(() -> {
            Object[] cache = caches.current();
            ThreadCaches.push(cache, first);
            ThreadCaches.push(cache, second);
        }, "jcstress-cache-owner");
        owner.start();
        try {
            owner.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the cache's owner ran", e);
        }
    }

    private void drained(Object buffer) {
        if (buffer == first) {
            firstDrained.incrementAndGet();
        } else if (buffer == second) {
            secondDrained.incrementAndGet();
        } else {
            throw new IllegalStateException("drained a buffer never cached: " + buffer);
        }
    }

    /** Does what the collector does once the ended thread is collected: clears and enqueues its registration. */
    void collectOwner() {
        for (java.lang.ref.Reference<Thread> registration : caches.registrations()) {
            registration.enqueue();
        }
    }
}
