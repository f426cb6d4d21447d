package dev.bufpool.bounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Virtual threads (JDK 21+; no case below) wait for buffers without pinning their carrier. The
 * build runs the tests with one carrier thread and no compensation: a wait that held on to the
 * carrier would stop the holders from running and giving their buffers back, and the tasks would
 * time out.
 */
class VirtualThreadTest {

    private static final int TASKS = 500;

    /**
     * The virtual-thread-per-task executor factory, if this JDK has one (21+): one element, or none
     * before 21, where the test has no case. Reached through reflection: the module compiles for 17.
     */
    static Stream<Named<Method>> virtualThreadExecutors() {
        try {
            return Stream.of(Named.of("virtual threads", Executors.class.getMethod("newVirtualThreadPerTaskExecutor")));
        } catch (NoSuchMethodException e) {
            return Stream.empty();
        }
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("virtualThreadExecutors")
    void manyVirtualThreadsShareTwoBuffersOnOneCarrier(Method perTask) throws Exception {
        assumeTrue("1".equals(System.getProperty("jdk.virtualThreadScheduler.parallelism")),
                "needs the build's single-carrier setting");
        try (BoundedBufferPool<byte[]> pool = BoundedBufferPool.builder(BufferTypes.BYTE_ARRAY).maxBuffers(2)
                .bufferCapacity(64).maxWait(Duration.ofSeconds(Poll.BOUND_SECONDS)).build()) {
            ExecutorService executor = (ExecutorService) perTask.invoke(null);
            try {
                List<Future<?>> tasks = new ArrayList<>();
                for (int i = 0; i < TASKS; i++) {
                    tasks.add(executor.submit(() -> {
                        try (Lease<byte[]> lease = pool.acquire(64)) {
                            lease.buffer()[0]++;
                            Thread.yield(); // lets the other virtual threads run while this one holds a buffer
                        }
                    }));
                }
                for (Future<?> task : tasks) {
                    task.get(Poll.BOUND_SECONDS, TimeUnit.SECONDS);
                }
            } finally {
                executor.shutdownNow();
                executor.awaitTermination(Poll.BOUND_SECONDS, TimeUnit.SECONDS);
            }
            assertTrue(pool.stats().waits() > 0, "no virtual thread had to wait: the test tested nothing");
            assertEquals(2, pool.available());
        }
    }
}
