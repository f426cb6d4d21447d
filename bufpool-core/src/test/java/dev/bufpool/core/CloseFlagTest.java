package dev.bufpool.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CloseFlagTest {

    private final CloseFlag flag = new CloseFlag();

    @Test
    void startsOpenAndReadsClosedInBothStrengthsOnceSet() {
        assertFalse(flag.seenPlain());
        assertFalse(flag.isClosed());
        assertEquals("open", flag.toString());

        assertTrue(flag.close());

        assertTrue(flag.seenPlain());
        assertTrue(flag.isClosed());
        assertEquals("closed", flag.toString());
    }

    @Test
    void exactlyOneOfManyRacingClosesSetsIt() throws InterruptedException {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        AtomicInteger setters = new AtomicInteger();
        for (int i = 0; i < threads; i++) {
            new Thread(() -> {
                try {
                    start.await();
                    if (flag.close()) {
                        setters.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        start.countDown();
        assertTrue(done.await(30, TimeUnit.SECONDS));

        assertEquals(1, setters.get());
    }

    @Test
    void aThreadWhoseWorkHappensAfterTheCloseSeesItInThePlainRead() throws InterruptedException {
        flag.close();
        AtomicBoolean seen = new AtomicBoolean();
        Thread reader = new Thread(() -> seen.set(flag.seenPlain())); // started after: happens-after
        reader.start();
        reader.join(TimeUnit.SECONDS.toMillis(30));

        assertTrue(seen.get());
    }
}
