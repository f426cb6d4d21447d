package dev.bufpool.bounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.SharedBuffer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A camera pipeline: a producer takes 8 MiB frames at a steady rate with a 50 ms timeout (a frame
 * it cannot get in time is dropped, as a camera drops it), fills each with its frame number, and
 * shares it with several consumers that each check every word of it. Every tenth frame is a
 * 12 MiB calibration frame, a one-off charged to the budget.
 *
 * <p>Checked at every step: no frame is handed to the producer while a consumer still holds it
 * (the set of frames in use, by identity, and the frame numbers the consumers read), and the bytes
 * the pool charges never pass its budget.
 */
class FramePipelineTest {

    private static final int FRAME = 8 << 20;
    private static final int CALIBRATION = 12 << 20;
    private static final int POOLED_FRAMES = 4;
    private static final long BUDGET = POOLED_FRAMES * (long) FRAME + (16 << 20);
    private static final int FRAMES = 120;
    private static final int CONSUMERS = 3;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /** One frame on its way to the consumers: each gets its own handle. */
    private record Frame(long number, ByteBuffer identity, SharedBuffer<ByteBuffer> handle, AtomicInteger readers) {
    }

    private static final Frame END = new Frame(-1, null, null, null);

    private final Set<Identity> inUse = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger framesRead = new AtomicInteger();

    /** A buffer compared by identity: {@code ByteBuffer.equals} compares contents. */
    private record Identity(ByteBuffer buffer) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity && ((Identity) other).buffer == buffer;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(buffer);
        }
    }

    @Test
    void sharedFramesAreNeverOverwrittenWhileReadAndThePoolStaysWithinItsBudget() throws InterruptedException {
        try (BoundedBufferPool<ByteBuffer> pool = BoundedBufferPool.builder(BufferTypes.HEAP_BYTE_BUFFER)
                .name("camera").maxBuffers(POOLED_FRAMES).bufferCapacity(FRAME).memoryBudget(BUDGET)
                .maxWait(Duration.ofMillis(50)).build()) {
            List<BlockingQueue<Frame>> queues = new ArrayList<>();
            List<Thread> consumers = new ArrayList<>();
            for (int c = 0; c < CONSUMERS; c++) {
                BlockingQueue<Frame> queue = new ArrayBlockingQueue<>(FRAMES + 1);
                queues.add(queue);
                consumers.add(new Thread(() -> consume(pool, queue), "consumer-" + c));
            }
            consumers.forEach(Thread::start);
            int delivered = produce(pool, queues);
            for (Thread consumer : consumers) {
                consumer.join(TimeUnit.SECONDS.toMillis(Poll.BOUND_SECONDS));
                assertFalse(consumer.isAlive(), consumer::getName);
            }
            assertTrue(failures.isEmpty(), () -> failures.size() + " failures, first: " + failures.peek());
            assertTrue(delivered > FRAMES / 2, () -> "only " + delivered + " of " + FRAMES + " frames delivered");
            assertEquals(delivered * CONSUMERS, framesRead.get());
            assertTrue(inUse.isEmpty());
            assertEquals(pool.size(), pool.available(), pool::toString);
            assertTrue(pool.usedBytes() <= BUDGET, pool::toString);
        }
    }

    private int produce(BoundedBufferPool<ByteBuffer> pool, List<BlockingQueue<Frame>> queues) throws InterruptedException {
        int delivered = 0;
        long next = System.nanoTime();
        for (long number = 0; number < FRAMES; number++) {
            LockSupport.parkNanos(next - System.nanoTime()); // the camera's frame clock
            next += TICK_NANOS;
            int size = number % 10 == 9 ? CALIBRATION : FRAME;
            Lease<ByteBuffer> lease = pool.tryAcquire(size, 50, TimeUnit.MILLISECONDS);
            checkBudget(pool, "after acquire");
            if (lease == null) {
                continue;
            }
            ByteBuffer frame = lease.buffer();
            if (!inUse.add(new Identity(frame))) {
                failures.add("frame " + number + " got a buffer a consumer still holds");
            }
            for (int at = 0; at < size; at += Long.BYTES) {
                frame.putLong(at, number);
            }
            // Every handle is made before any is handed over: a consumer may close its own at once.
            List<SharedBuffer<ByteBuffer>> handles = new ArrayList<>();
            handles.add(lease.share());
            while (handles.size() < CONSUMERS) {
                handles.add(handles.get(0).retain());
            }
            AtomicInteger readers = new AtomicInteger(CONSUMERS);
            for (int c = 0; c < CONSUMERS; c++) {
                queues.get(c).put(new Frame(number, frame, handles.get(c), readers));
            }
            delivered++;
        }
        for (BlockingQueue<Frame> queue : queues) {
            queue.put(END);
        }
        return delivered;
    }

    private void consume(BoundedBufferPool<ByteBuffer> pool, BlockingQueue<Frame> queue) {
        try {
            for (Frame frame = take(queue); frame != END; frame = take(queue)) {
                ByteBuffer view = frame.handle().buffer();
                for (int at = 0; at < view.limit(); at += Long.BYTES) {
                    long read = view.getLong(at);
                    if (read != frame.number()) {
                        failures.add("frame " + frame.number() + " overwritten at " + at + " by frame " + read);
                        break;
                    }
                }
                framesRead.incrementAndGet();
                if (frame.readers().decrementAndGet() == 0) {
                    inUse.remove(new Identity(frame.identity()));
                }
                frame.handle().close();
                checkBudget(pool, "after a consumer closed");
            }
        } catch (InterruptedException e) {
            failures.add(Thread.currentThread().getName() + " interrupted");
        }
    }

    private static Frame take(BlockingQueue<Frame> queue) throws InterruptedException {
        Frame frame = queue.poll(Poll.BOUND_SECONDS, TimeUnit.SECONDS);
        if (frame == null) {
            throw new IllegalStateException("no frame within " + Poll.BOUND_SECONDS + " s");
        }
        return frame;
    }

    private void checkBudget(BoundedBufferPool<ByteBuffer> pool, String when) {
        long used = pool.usedBytes();
        if (used > BUDGET) {
            failures.add("budget passed " + when + ": " + used + " > " + BUDGET);
        }
    }
}
