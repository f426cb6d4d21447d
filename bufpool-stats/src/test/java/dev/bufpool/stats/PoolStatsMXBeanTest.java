package dev.bufpool.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolExhaustedException;
import dev.bufpool.PoolStats;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The MXBean as an operator's console sees it: through the platform MBean server. */
class PoolStatsMXBeanTest {

    private static final AtomicInteger POOLS = new AtomicInteger();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    private static String uniqueName(String prefix) {
        return prefix + "-" + POOLS.incrementAndGet();
    }

    private static StatsBufferPool<byte[]> counted(StackPool<byte[]> pool) {
        return StatsBufferPool.builder(pool).logger(new RecordingLogger()).build();
    }

    @Test
    void theMBeanShowsTheSameFiguresAsTheSnapshot() throws JMException {
        StackPool<byte[]> bounded = new StackPool<>(uniqueName("jmx"), BufferTypes.BYTE_ARRAY, 2, Duration.ZERO);
        try (StatsBufferPool<byte[]> pool = counted(bounded)) {
            pool.acquire(100).close();
            Lease<byte[]> a = pool.acquire(100);
            Lease<byte[]> b = pool.acquire(50);
            assertThrows(PoolExhaustedException.class, () -> pool.acquire(10));
            b.close();
            b.close();
            StatsSnapshot snapshot = pool.snapshot();
            ObjectName name = pool.objectName().orElseThrow();

            for (Map.Entry<String, Object> figure : figures(snapshot).entrySet()) {
                assertEquals(figure.getValue(), server.getAttribute(name, figure.getKey()), figure.getKey());
            }
            assertEquals(bounded.name(), server.getAttribute(name, "Name"));
            assertEquals("byte[]", server.getAttribute(name, "BufferType"));
            assertNull(server.getAttribute(name, "Application"));
            a.close();
        }
    }

    private static Map<String, Object> figures(StatsSnapshot snapshot) {
        PoolStats s = snapshot.stats();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("Acquisitions", s.acquisitions());
        figures.put("Releases", s.releases());
        figures.put("Allocations", s.allocations());
        figures.put("Reuses", s.reuses());
        figures.put("Drops", s.drops());
        figures.put("Trims", s.trims());
        figures.put("Outstanding", s.outstanding());
        figures.put("PeakOutstanding", s.peakOutstanding());
        figures.put("OutstandingBytes", s.outstandingBytes());
        figures.put("PeakOutstandingBytes", snapshot.peakOutstandingBytes());
        figures.put("IdleBuffers", s.idleBuffers());
        figures.put("IdleBytes", s.idleBytes());
        figures.put("Waits", s.waits());
        figures.put("TotalWaitNanos", snapshot.totalWaitNanos());
        figures.put("MeanWaitNanos", snapshot.meanWaitNanos());
        figures.put("P99WaitNanos", snapshot.p99WaitNanos());
        figures.put("MaxWaitNanos", snapshot.maxWaitNanos());
        figures.put("Timeouts", s.timeouts());
        figures.put("Leaks", s.leaks());
        figures.put("DoubleReleases", snapshot.doubleReleases());
        figures.put("Exceptions", snapshot.exceptions());
        return figures;
    }

    @Test
    void closeUnregistersTheMBean() {
        StatsBufferPool<byte[]> pool = counted(new StackPool<>(uniqueName("closing"), BufferTypes.BYTE_ARRAY));
        ObjectName name = pool.objectName().orElseThrow();
        assertTrue(server.isRegistered(name));

        pool.close();
        assertFalse(server.isRegistered(name));
        assertTrue(pool.objectName().isEmpty());
    }

    @Test
    void theNameCarriesTheApplicationKey() throws JMException {
        String poolName = uniqueName("app");
        StackPool<byte[]> wrapped = new StackPool<>(poolName, BufferTypes.BYTE_ARRAY);
        try (StatsBufferPool<byte[]> pool = StatsBufferPool.builder(wrapped).applicationKey("shop").build()) {
            ObjectName name = pool.objectName().orElseThrow();

            assertEquals("dev.bufpool:type=BufferPool,application=shop,name=" + poolName, name.toString());
            assertEquals("shop", server.getAttribute(name, "Application"));
        }
    }

    @Test
    void aNameThatAnObjectNameCannotHoldAsItIsGetsQuoted() throws JMException {
        String poolName = uniqueName("in,out:\"x\"=*");
        try (StatsBufferPool<byte[]> pool = counted(new StackPool<>(poolName, BufferTypes.BYTE_ARRAY))) {
            ObjectName name = pool.objectName().orElseThrow();

            assertEquals(ObjectName.quote(poolName), name.getKeyProperty("name"));
            assertFalse(name.isPattern());
            assertEquals(poolName, server.getAttribute(name, "Name"));
        }
    }

    @Test
    void aNameAlreadyTakenGetsTheNextFreeSuffix() {
        String poolName = uniqueName("twin");
        try (StatsBufferPool<byte[]> first = counted(new StackPool<>(poolName, BufferTypes.BYTE_ARRAY))) {
            StatsBufferPool<byte[]> second = counted(new StackPool<>(poolName, BufferTypes.BYTE_ARRAY));
            try (StatsBufferPool<byte[]> third = counted(new StackPool<>(poolName, BufferTypes.BYTE_ARRAY))) {
                assertEquals(poolName, first.objectName().orElseThrow().getKeyProperty("name"));
                assertEquals(poolName + "#2", second.objectName().orElseThrow().getKeyProperty("name"));
                assertEquals(poolName + "#3", third.objectName().orElseThrow().getKeyProperty("name"));
                second.close();
                try (StatsBufferPool<byte[]> fourth = counted(new StackPool<>(poolName, BufferTypes.BYTE_ARRAY))) {
                    assertEquals(poolName + "#2", fourth.objectName().orElseThrow().getKeyProperty("name"),
                            "a name freed by close is free again");
                }
            } finally {
                second.close(); // closing twice does nothing: this is for a failed assertion
            }
        }
    }

    @Test
    void theResetOperationRestartsThePeaks() throws JMException {
        try (StatsBufferPool<byte[]> pool = counted(new StackPool<>(uniqueName("reset"), BufferTypes.BYTE_ARRAY))) {
            pool.acquire(10).close();
            ObjectName name = pool.objectName().orElseThrow();
            assertEquals(1L, server.getAttribute(name, "PeakOutstanding"));

            server.invoke(name, "resetPeaks", new Object[0], new String[0]);
            assertEquals(0L, server.getAttribute(name, "PeakOutstanding"));
        }
    }

    @Test
    void aPoolMayRunWithoutJmx() {
        String poolName = uniqueName("quiet");
        StackPool<byte[]> wrapped = new StackPool<>(poolName, BufferTypes.BYTE_ARRAY);
        try (StatsBufferPool<byte[]> pool = StatsBufferPool.builder(wrapped).registerMBean(false).build()) {
            assertTrue(pool.objectName().isEmpty());
            assertTrue(server.queryNames(null, null).stream().noneMatch(n -> poolName.equals(n.getKeyProperty("name"))));
        }
    }
}
