package dev.bufpool.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MpmcRingTest {

    @Test
    void holdsExactlyItsCapacityEvenWhenNotAPowerOfTwo() {
        MpmcRing<Integer> ring = new MpmcRing<>(3);
        assertTrue(ring.offer(1));
        assertTrue(ring.offer(2));
        assertTrue(ring.offer(3));
        assertFalse(ring.offer(4));
        assertEquals(3, ring.size());
    }

    @Test
    void pollsInFifoOrderAndReportsEmpty() {
        MpmcRing<Integer> ring = new MpmcRing<>(4);
        for (int i = 0; i < 10; i++) {
            assertTrue(ring.offer(i));
            assertTrue(ring.offer(i + 100));
            assertEquals(i, ring.poll());
            assertEquals(i + 100, ring.poll());
        }
        assertNull(ring.poll());
        assertEquals(0, ring.size());
    }

    @Test
    void ringOfCapacityZeroRefusesEverything() {
        MpmcRing<Integer> ring = new MpmcRing<>(0);
        assertFalse(ring.offer(1));
        assertNull(ring.poll());
    }

    @Test
    void forEachPresentSeesEveryElementHeld() {
        MpmcRing<Integer> ring = new MpmcRing<>(5);
        ring.offer(7);
        ring.offer(8);
        ring.poll();
        ring.offer(9);
        List<Integer> seen = new ArrayList<>();
        ring.forEachPresent(seen::add);
        seen.sort(null);
        assertEquals(List.of(8, 9), seen);
    }

    @Test
    void refusesANegativeCapacity() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MpmcRing<>(-1));
        assertEquals("capacity must be in [0, 1073741824]: capacity=-1", e.getMessage());
    }

    /** Two producers and two consumers pass 200,000 distinct elements: each arrives exactly once. */
    @Test
    void concurrentOffersAndPollsLoseAndDuplicateNothing() throws Exception {
        int perProducer = 100_000;
        MpmcRing<Integer> ring = new MpmcRing<>(64);
        CyclicBarrier start = new CyclicBarrier(4);
        ConcurrentLinkedQueue<Integer> received = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int base = p * perProducer;
            threads.add(new Thread(() -> {
                await(start);
                for (int i = 0; i < perProducer; i++) {
                    while (!ring.offer(base + i)) {
                        Thread.onSpinWait();
                    }
                }
            }));
        }
        AtomicInteger consumed = new AtomicInteger();
        for (int c = 0; c < 2; c++) {
            threads.add(new Thread(() -> {
                await(start);
                List<Integer> mine = new ArrayList<>();
                while (consumed.get() < 2 * perProducer) {
                    Integer e = ring.poll();
                    if (e != null) {
                        mine.add(e);
                        consumed.incrementAndGet();
                    }
                }
                received.addAll(mine);
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(t.isAlive(), "a worker did not finish");
        }
        BitSet seen = new BitSet();
        for (int e : received) {
            assertFalse(seen.get(e), "duplicate " + e);
            seen.set(e);
        }
        assertEquals(2 * perProducer, seen.cardinality());
        assertNull(ring.poll());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
