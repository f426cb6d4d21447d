package dev.bufpool.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class IdleReserveTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());
    private final LongAdder trims = new LongAdder();

    private IdleReserve<byte[]> reserve(long boundBytes, long timeoutNanos, int classes) {
        IdleBudget budget = new IdleBudget(true, 0, boundBytes, true, 1, timeoutNanos, SECOND / 4, clock);
        return new IdleReserve<>("test", BufferTypes.BYTE_ARRAY, budget, classes, trims);
    }

    @Test
    void aClassIsAStackAndTheFiguresFollowIt() {
        IdleReserve<byte[]> reserve = reserve(1 << 20, 0, 2);
        byte[] first = new byte[100];
        byte[] second = new byte[100];
        byte[] other = new byte[300];
        assertTrue(reserve.offer(0, first));
        assertTrue(reserve.offer(0, second));
        assertTrue(reserve.offer(1, other));
        assertEquals(3, reserve.idleBuffers());
        assertEquals(500, reserve.idleBytes());
        assertSame(second, reserve.take(0));
        assertSame(first, reserve.take(0));
        assertNull(reserve.take(0));
        assertSame(other, reserve.take(1));
        assertEquals(0, reserve.idleBuffers());
        assertEquals(0, reserve.idleBytes());
        assertEquals(0, trims.sum());
    }

    @Test
    void takeWithACapacityLeavesATooSmallBuffer() {
        IdleReserve<byte[]> reserve = reserve(1 << 20, 0, 1);
        byte[] small = new byte[10];
        reserve.offer(0, small);
        assertNull(reserve.take(0, 11));
        assertSame(small, reserve.take(0, 10));
    }

    @Test
    void aBufferExpiresNoSoonerThanTheTimeoutAndIsCountedAsATrim() {
        IdleReserve<byte[]> reserve = reserve(1 << 20, SECOND, 1);
        reserve.offer(0, new byte[64]);
        millis.addAndGet(999);
        reserve.runDue();
        assertEquals(1, reserve.idleBuffers());
        millis.addAndGet(1);
        reserve.runDue();
        assertEquals(0, reserve.idleBuffers());
        assertEquals(0, reserve.idleBytes());
        assertEquals(1, trims.sum());
        assertNull(reserve.take(0));
    }

    @Test
    void theByteBoundHoldsAfterEveryOffer() {
        long bound = 10_000;
        IdleReserve<byte[]> reserve = reserve(bound, 0, 4);
        for (int i = 0; i < 500; i++) {
            reserve.offer(i % 4, new byte[100 + 37 * (i % 50)]);
            assertTrue(reserve.idleBytes() <= bound, () -> "idle bytes " + reserve.idleBytes());
        }
        assertEquals(reserve.idleBuffers() + trims.sum(), 500);
    }

    @Test
    void evictionHolesAreReusedSoTheStackStaysAsDeepAsTheEntriesItHolds() {
        IdleReserve<byte[]> reserve = reserve(8 * 1024, 0, 1);
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 100_000; i++) {
            reserve.offer(0, new byte[1024]);
            if (random.nextInt(4) == 0) {
                reserve.take(0);
            }
        }
        assertTrue(reserve.idleBuffers() <= 8);
        assertTrue(reserve.depthsInUse(0) <= 16, "depths in use: " + reserve.depthsInUse(0));
    }

    @Test
    void aBufferLargerThanTheBoundIsRefusedAndAClosedReserveKeepsNothing() {
        IdleReserve<byte[]> reserve = reserve(1000, 0, 1);
        assertFalse(reserve.offer(0, new byte[1001]));
        assertTrue(reserve.offer(0, new byte[1000]));
        reserve.close();
        assertEquals(0, reserve.idleBuffers());
        assertFalse(reserve.offer(0, new byte[10]));
        assertNull(reserve.take(0));
    }

    @Test
    void clearDropsEverythingWithoutCountingEvictions() {
        IdleReserve<byte[]> reserve = reserve(1 << 20, 0, 3);
        for (int i = 0; i < 30; i++) {
            reserve.offer(i % 3, new byte[8]);
        }
        assertEquals(30, reserve.clear());
        assertEquals(0, reserve.idleBuffers());
        assertEquals(0, trims.sum());
    }

    @Test
    void whenDemandMovesToAnotherClassTheOldClassIsEvictedFirst() {
        int small = 64 << 10;
        int large = 1 << 20;
        // Room for all the small buffers (2 MiB), or for the large ones and less than a small one.
        IdleReserve<byte[]> reserve = reserve(4L * large + small - 1, 0, 2);
        cycle(reserve, 0, small, 32, 40);
        assertEquals(32, reserve.idleBuffers());
        cycle(reserve, 1, large, 4, 40);
        assertEquals(0, count(reserve, small), "the small buffers, unused now, are gone");
        assertEquals(4, count(reserve, large), "every large buffer in demand is kept");
        assertTrue(trims.sum() >= 32, "each small buffer was trimmed: " + trims.sum());
    }

    /** {@code rounds} times: takes {@code n} buffers of a class (allocating what is missing), gives them back. */
    private static void cycle(IdleReserve<byte[]> reserve, int cls, int size, int n, int rounds) {
        for (int round = 0; round < rounds; round++) {
            List<byte[]> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] buffer = reserve.take(cls);
                out.add(buffer != null ? buffer : new byte[size]);
            }
            for (byte[] buffer : out) {
                reserve.offer(cls, buffer);
            }
        }
    }

    private static int count(IdleReserve<byte[]> reserve, int size) {
        int[] n = new int[1];
        reserve.forEach(b -> n[0] += b.length == size ? 1 : 0);
        return n[0];
    }

    @Test
    void takeAndExpiryNeverBothGetABuffer() throws Exception {
        for (int run = 0; run < 20; run++) {
            trims.reset();
            IdleReserve<byte[]> reserve = reserve(1 << 30, SECOND, 1);
            int n = 2000;
            for (int i = 0; i < n; i++) {
                reserve.offer(0, new byte[1]);
            }
            Set<byte[]> taken = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
            LongAdder duplicates = new LongAdder();
            Thread taker = new Thread(() -> {
                for (byte[] b = reserve.take(0); b != null; b = reserve.take(0)) {
                    if (!taken.add(b)) {
                        duplicates.increment();
                    }
                }
            });
            taker.start();
            millis.addAndGet(1000);
            reserve.runDue();
            taker.join();
            reserve.runDue();
            assertEquals(0, duplicates.sum());
            assertEquals(0, reserve.idleBuffers());
            assertEquals(n, taken.size() + trims.sum(), "every buffer taken or trimmed, exactly once");
        }
    }
}
