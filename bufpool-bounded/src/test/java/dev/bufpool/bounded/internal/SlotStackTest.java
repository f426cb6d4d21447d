package dev.bufpool.bounded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SlotStackTest {

    private static SlotStack<Object> withSlots(int count, List<Slot<Object>> into) {
        SlotStack<Object> stack = new SlotStack<>();
        for (Slot<Object> slot : stack.extend(count, null)) {
            into.add(slot);
        }
        return stack;
    }

    /**
     * The ABA window of a stalled pop: it read the head with B on top of A. Meanwhile B and A are
     * popped (A is leased now), C and B pushed, and B popped and pushed again until the tag has
     * counted 2^22 pops. With a 22-bit tag the head word was then the one the stalled pop read, so
     * its CAS would succeed and put the leased A back on the stack. With a wider tag it differs.
     */
    @Test
    void aHeadWordNeverRepeatsAfter2To22PopsSoAStalledPopCannotSucceed() {
        List<Slot<Object>> slots = new ArrayList<>();
        SlotStack<Object> stack = withSlots(3, slots);
        Slot<Object> a = slots.get(0);
        Slot<Object> b = slots.get(1);
        Slot<Object> c = slots.get(2);
        stack.push(a, Integer.MAX_VALUE);
        stack.push(b, Integer.MAX_VALUE);
        int stripe = homeStripe(stack);
        long stalledRead = stack.headWord(stripe);
        assertSame(b, stack.pop());
        assertSame(a, stack.pop()); // a is out now
        stack.push(c, Integer.MAX_VALUE);
        stack.push(b, Integer.MAX_VALUE);
        for (int pops = 2; pops < 1 << 22; pops++) {
            assertSame(b, stack.pop());
            stack.push(b, Integer.MAX_VALUE);
        }
        assertTrue(stack.headWord(stripe) != stalledRead, "the head word repeated: a stalled pop would succeed");
        assertEquals(2, stack.size());
        assertSame(b, stack.pop());
        assertSame(c, stack.pop());
        assertNull(stack.pop(), "the leased slot is not on the stack");
    }

    private static int homeStripe(SlotStack<Object> stack) {
        for (int i = 0; i < stack.stripes(); i++) {
            if (stack.headWord(i) != 0) {
                return i;
            }
        }
        throw new AssertionError("nothing pushed");
    }

    @Test
    void onOneThreadPopGivesTheLastPushedAndCountsWhatIsLeft() {
        List<Slot<Object>> slots = new ArrayList<>();
        SlotStack<Object> stack = withSlots(3, slots);
        assertNull(stack.pop());
        // No cap in the way: all three go to this thread's home stripe, a LIFO stack.
        slots.forEach(s -> assertTrue(stack.push(s, Integer.MAX_VALUE)));
        assertEquals(3, stack.size());
        assertSame(slots.get(2), stack.pop());
        assertSame(slots.get(1), stack.pop());
        assertEquals(1, stack.size());
        assertSame(slots.get(0), stack.pop());
        assertNull(stack.pop());
        assertEquals(0, stack.size());
    }

    /**
     * A slot's pop records the word it left, so that giving it back to an unchanged stripe needs no
     * read of the top slot. Here the stripe moved on (a was popped after b), so b must count from
     * the stripe as it is, not as b's pop left it.
     */
    @Test
    void aSlotGivenBackToAStripeThatMovedOnCountsTheStripeAsItIs() {
        List<Slot<Object>> slots = new ArrayList<>();
        SlotStack<Object> stack = withSlots(2, slots);
        Slot<Object> a = slots.get(0);
        Slot<Object> b = slots.get(1);
        stack.push(a, Integer.MAX_VALUE);
        stack.push(b, Integer.MAX_VALUE);
        assertSame(b, stack.pop()); // b's pop left one slot on the stripe
        assertSame(a, stack.pop());
        assertTrue(stack.push(b, Integer.MAX_VALUE));
        assertEquals(1, stack.size());
        assertTrue(stack.push(a, Integer.MAX_VALUE));
        assertEquals(2, stack.size());
    }

    /**
     * Two stripes can hold the same head word. Slot a's pop left stripe 0 at {@code [tag 1][top b]}
     * with one slot; later stripe 1 reaches the same word holding two slots, and a given back there
     * must count two, not the one its pop recorded for the other stripe.
     */
    @Test
    void aSlotGivenBackToAnotherStripeWithTheSameWordCountsThatStripe() throws Exception {
        SlotStack<Object> stack = new SlotStack<>(1);
        assertEquals(2, stack.stripes());
        List<Slot<Object>> slots = new ArrayList<>();
        for (Slot<Object> slot : stack.extend(4, null)) {
            slots.add(slot);
        }
        Slot<Object> a = slots.get(0);
        Slot<Object> b = slots.get(1);
        Slot<Object> c = slots.get(2);
        Slot<Object> x = slots.get(3);
        ExecutorService[] homes = twoHomes();
        try {
            on(homes[0], () -> {
                stack.push(b, Integer.MAX_VALUE);
                stack.push(a, Integer.MAX_VALUE);
                assertSame(a, stack.pop());
                assertSame(b, stack.pop());
            });
            long left = a.poppedWord;
            on(homes[1], () -> {
                stack.push(x, Integer.MAX_VALUE);
                assertSame(x, stack.pop());
                stack.push(c, Integer.MAX_VALUE);
                stack.push(b, Integer.MAX_VALUE);
            });
            int other = 1 - a.poppedStripe;
            assertEquals(left, stack.headWord(other), "the other stripe holds the word a's pop left");
            on(homes[1], () -> assertTrue(stack.push(a, Integer.MAX_VALUE)));
            assertEquals(3, stack.size());
            assertEquals(3, a.depth);
        } finally {
            for (ExecutorService home : homes) {
                home.shutdownNow();
            }
        }
    }

    /** Two single-thread executors whose threads have different home stripes of a two-stripe stack. */
    private static ExecutorService[] twoHomes() throws Exception {
        ExecutorService first = Executors.newSingleThreadExecutor();
        long firstId = first.submit(() -> Thread.currentThread().getId()).get(30, TimeUnit.SECONDS);
        List<ExecutorService> tried = new ArrayList<>();
        while (true) {
            ExecutorService next = Executors.newSingleThreadExecutor();
            long id = next.submit(() -> Thread.currentThread().getId()).get(30, TimeUnit.SECONDS);
            if (((id ^ firstId) & 1) == 1) {
                tried.forEach(ExecutorService::shutdownNow);
                return new ExecutorService[] {first, next};
            }
            tried.add(next);
        }
    }

    private static void on(ExecutorService thread, Runnable steps) throws Exception {
        thread.submit(steps).get(30, TimeUnit.SECONDS);
    }

    @Test
    void pushIsRefusedAtTheCap() {
        List<Slot<Object>> slots = new ArrayList<>();
        SlotStack<Object> stack = withSlots(3, slots);
        assertTrue(stack.push(slots.get(0), 2));
        assertTrue(stack.push(slots.get(1), 2));
        assertFalse(stack.push(slots.get(2), 2));
        assertEquals(2, stack.size());
    }

    @Test
    void theCapHoldsExactlyAcrossStripesAndAPushSpillsToAStripeWithRoom() {
        SlotStack<Object> stack = new SlotStack<>(4);
        assertEquals(8, stack.stripes());
        List<Slot<Object>> slots = new ArrayList<>();
        for (Slot<Object> slot : stack.extend(7, null)) {
            slots.add(slot);
        }
        // A cap of 5 over 8 stripes: shares of 1 on five stripes, 0 on three; one thread's pushes
        // all start at its home stripe and must spill to reach the cap, and stop exactly there.
        for (int i = 0; i < 5; i++) {
            assertTrue(stack.push(slots.get(i), 5), "push " + i);
        }
        assertFalse(stack.push(slots.get(5), 5));
        assertEquals(5, stack.size());
        Set<Integer> popped = new HashSet<>();
        for (Slot<Object> slot = stack.pop(); slot != null; slot = stack.pop()) {
            assertTrue(popped.add(slot.index));
        }
        assertEquals(Set.of(0, 1, 2, 3, 4), popped);
    }

    @Test
    void aPopFindsSlotsThatAnotherThreadPushedToItsOwnStripe() throws InterruptedException {
        SlotStack<Object> stack = new SlotStack<>(8);
        List<Slot<Object>> slots = new ArrayList<>();
        for (Slot<Object> slot : stack.extend(3, null)) {
            slots.add(slot);
        }
        Thread pusher = new Thread(() -> slots.forEach(s -> stack.push(s, Integer.MAX_VALUE)));
        pusher.start();
        pusher.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(pusher.isAlive());

        Set<Integer> popped = new HashSet<>();
        for (Slot<Object> slot = stack.pop(); slot != null; slot = stack.pop()) {
            popped.add(slot.index);
        }
        assertEquals(Set.of(0, 1, 2), popped);
        assertEquals(0, stack.size());
    }

    @Test
    void stripeCountsArePowersOfTwoFromTwoToSixteen() {
        assertEquals(2, new SlotStack<>(1).stripes());
        assertEquals(4, new SlotStack<>(2).stripes());
        assertEquals(8, new SlotStack<>(3).stripes());
        assertEquals(16, new SlotStack<>(8).stripes());
        assertEquals(16, new SlotStack<>(64).stripes());
    }

    @Test
    void extendingKeepsTheSlotsOnTheStack() {
        List<Slot<Object>> slots = new ArrayList<>();
        SlotStack<Object> stack = withSlots(2, slots);
        stack.push(slots.get(0), Integer.MAX_VALUE);
        for (Slot<Object> slot : stack.extend(2, null)) {
            slots.add(slot);
        }
        assertEquals(4, stack.slotCount());
        assertEquals(3, slots.get(3).index);
        stack.push(slots.get(3), Integer.MAX_VALUE);
        assertSame(slots.get(3), stack.pop());
        assertSame(slots.get(0), stack.pop());
    }

    @Test
    void racingPopsAndPushesNeitherLoseNorDuplicateASlot() throws Exception {
        int slotCount = 8;
        int threads = 4;
        int rounds = 200_000;
        List<Slot<Object>> slots = new ArrayList<>();
        SlotStack<Object> stack = withSlots(slotCount, slots);
        slots.forEach(s -> stack.push(s, slotCount));
        AtomicInteger[] holders = new AtomicInteger[slotCount];
        for (int i = 0; i < slotCount; i++) {
            holders[i] = new AtomicInteger();
        }
        AtomicInteger doubleHeld = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Thread(() -> {
                try {
                    start.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int r = 0; r < rounds; r++) {
                    Slot<Object> slot = stack.pop();
                    if (slot == null) {
                        continue;
                    }
                    if (holders[slot.index].incrementAndGet() != 1) {
                        doubleHeld.incrementAndGet();
                    }
                    holders[slot.index].decrementAndGet();
                    stack.push(slot, slotCount);
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(worker.isAlive());
        }
        assertEquals(0, doubleHeld.get(), "a slot was popped by two threads at once");
        assertEquals(slotCount, stack.size());
        Set<Integer> seen = new HashSet<>();
        for (Slot<Object> slot = stack.pop(); slot != null; slot = stack.pop()) {
            assertTrue(seen.add(slot.index), "slot on the stack twice");
        }
        assertEquals(slotCount, seen.size());
    }
}
