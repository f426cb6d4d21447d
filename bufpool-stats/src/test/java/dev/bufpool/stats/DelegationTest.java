package dev.bufpool.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolExhaustedException;
import dev.bufpool.PoolStats;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.mockito.Mockito;

/** What the decorator asks of the wrapped pool and its leases, and how it counts their failures. */
class DelegationTest {

    private final AtomicLong clock = new AtomicLong();
    @SuppressWarnings("unchecked")
    private final BufferPool<byte[]> wrapped = mock(BufferPool.class);
    @SuppressWarnings("unchecked")
    private final Lease<byte[]> lease = mock(Lease.class);
    private StatsBufferPool<byte[]> pool;

    @BeforeEach
    void wrap() {
        when(wrapped.name()).thenReturn("mocked");
        when(wrapped.type()).thenReturn(BufferTypes.BYTE_ARRAY);
        when(wrapped.stats()).thenReturn(PoolStats.idleOnly(0, 0));
        when(lease.buffer()).thenReturn(new byte[64]);
        when(lease.capacity()).thenReturn(64);
        pool = Builders.recorded(wrapped, new RecordingLogger(), clock::get).registerMBean(false).build();
        Mockito.<Object>clearInvocations(wrapped); // as Object: no generic array for the varargs
    }

    @Test
    void acquireTakesTheNonBlockingPathWhenABufferIsFree() {
        when(wrapped.tryAcquire(64)).thenReturn(lease);
        pool.acquire(64).close();

        InOrder order = inOrder(wrapped, lease);
        order.verify(wrapped).tryAcquire(64);
        order.verify(lease).buffer();
        order.verify(lease).close();
        verify(wrapped, never()).acquire(anyInt());
        verifyNoMoreInteractions(wrapped, lease);
    }

    @Test
    void acquireWaitsOnTheBlockingPathOnlyWhenNothingIsFreeAndTimesTheWait() {
        when(wrapped.tryAcquire(64)).thenReturn(null);
        when(wrapped.acquire(64)).thenAnswer(call -> {
            clock.addAndGet(3_000_000);
            return lease;
        });
        pool.acquire(64).close();
        StatsSnapshot snapshot = pool.snapshot();

        InOrder order = inOrder(wrapped);
        order.verify(wrapped).tryAcquire(64);
        order.verify(wrapped).acquire(64);
        assertEquals(1, snapshot.stats().waits());
        assertEquals(3_000_000, snapshot.totalWaitNanos());
        assertEquals(3_000_000, snapshot.meanWaitNanos());
        assertEquals(3_000_000, snapshot.p99WaitNanos(), "one wait: the percentile is capped at the maximum");
        assertEquals(3_000_000, snapshot.maxWaitNanos());
    }

    @Test
    void aLeaseClosedTwiceIsClosedOnceOnTheWrappedLease() {
        when(wrapped.tryAcquire(64)).thenReturn(lease);
        Lease<byte[]> counted = pool.acquire(64);
        counted.close();
        counted.close();

        verify(lease, times(1)).close();
        assertEquals(1, pool.stats().releases());
        assertEquals(1, pool.snapshot().doubleReleases());
    }

    @Test
    void anExceptionOfTheWrappedPoolIsPassedOnUnchangedAndCounted() {
        IllegalStateException closed = new IllegalStateException("closed");
        when(wrapped.tryAcquire(64)).thenThrow(closed);

        assertSame(closed, assertThrows(IllegalStateException.class, () -> pool.acquire(64)));
        assertSame(closed, assertThrows(IllegalStateException.class, () -> pool.tryAcquire(64)));
        StatsSnapshot snapshot = pool.snapshot();
        assertEquals(2, snapshot.exceptions());
        assertEquals(0, snapshot.stats().acquisitions());
        assertEquals(0, snapshot.stats().outstanding());
    }

    @Test
    void anErrorOfTheWrappedPoolIsPassedOnUnchangedAndCounted() {
        OutOfMemoryError full = new OutOfMemoryError("direct buffer memory");
        when(wrapped.tryAcquire(64)).thenThrow(full);

        assertSame(full, assertThrows(OutOfMemoryError.class, () -> pool.acquire(64)));
        assertEquals(1, pool.snapshot().exceptions());
    }

    @Test
    void anInterruptedWaitIsAWaitAndAnExceptionButNoTimeout() {
        PoolExhaustedException interrupted = new PoolExhaustedException("mocked", 64, Duration.ZERO, 1, "",
                new InterruptedException());
        when(wrapped.tryAcquire(64)).thenReturn(null);
        when(wrapped.acquire(64)).thenThrow(interrupted);

        assertSame(interrupted, assertThrows(PoolExhaustedException.class, () -> pool.acquire(64)));
        StatsSnapshot snapshot = pool.snapshot();
        assertEquals(1, snapshot.stats().waits());
        assertEquals(0, snapshot.stats().timeouts());
        assertEquals(1, snapshot.exceptions());
    }

    @Test
    void aTimedTryAcquireWithoutTimeIsPassedStraightOn() throws InterruptedException {
        when(wrapped.tryAcquire(64, 0, TimeUnit.SECONDS)).thenReturn(null);

        assertNull(pool.tryAcquire(64, 0, TimeUnit.SECONDS));
        verify(wrapped).tryAcquire(64, 0, TimeUnit.SECONDS);
        verify(wrapped, never()).tryAcquire(64);
        assertEquals(0, pool.stats().waits());
    }

    @Test
    void aTimedTryAcquireWaitsOnlyAfterTheNonBlockingPathFindsNothing() throws InterruptedException {
        when(wrapped.tryAcquire(64)).thenReturn(null);
        when(wrapped.tryAcquire(64, 5, TimeUnit.MILLISECONDS)).thenAnswer(call -> {
            clock.addAndGet(5_000_000);
            return lease;
        });

        pool.tryAcquire(64, 5, TimeUnit.MILLISECONDS).close();
        InOrder order = inOrder(wrapped);
        order.verify(wrapped).tryAcquire(64);
        order.verify(wrapped).tryAcquire(64, 5, TimeUnit.MILLISECONDS);
        assertEquals(1, pool.stats().waits());
        assertEquals(0, pool.stats().timeouts());
        assertEquals(5_000_000, pool.snapshot().maxWaitNanos());
    }

    @Test
    void anInterruptedTimedTryAcquireIsPassedOnAndCounted() throws InterruptedException {
        InterruptedException interrupt = new InterruptedException();
        when(wrapped.tryAcquire(64)).thenReturn(null);
        when(wrapped.tryAcquire(64, 1, TimeUnit.SECONDS)).thenThrow(interrupt);

        assertSame(interrupt, assertThrows(InterruptedException.class, () -> pool.tryAcquire(64, 1, TimeUnit.SECONDS)));
        assertEquals(1, pool.snapshot().exceptions());
        assertEquals(1, pool.stats().waits());
        assertEquals(0, pool.stats().timeouts());
    }

    @Test
    void aWrappedLeaseThatThrowsOnCloseIsStillCountedBackAndTheExceptionPassedOn() {
        IllegalStateException broken = new IllegalStateException("broken");
        when(wrapped.tryAcquire(64)).thenReturn(lease);
        doThrow(broken).when(lease).close();
        Lease<byte[]> counted = pool.acquire(64);

        assertSame(broken, assertThrows(IllegalStateException.class, counted::close));
        StatsSnapshot snapshot = pool.snapshot();
        assertEquals(1, snapshot.stats().releases());
        assertEquals(0, snapshot.stats().outstanding());
        assertEquals(1, snapshot.exceptions());
    }

    @Test
    void anErrorOrAnUndeclaredCheckedExceptionFromTheWrappedCloseIsPassedOnAsItIs() {
        AssertionError error = new AssertionError("broken");
        java.io.IOException undeclared = new java.io.IOException("thrown without being declared");
        when(wrapped.tryAcquire(64)).thenReturn(lease);
        doThrow(error).doAnswer(call -> {
            throw DelegationTest.<RuntimeException>sneaky(undeclared);
        }).when(lease).close();

        assertSame(error, assertThrows(AssertionError.class, pool.acquire(64)::close));
        Lease<byte[]> second = pool.acquire(64);
        Throwable thrown = assertThrows(Throwable.class, second::close);
        assertSame(undeclared, thrown);
        StatsSnapshot snapshot = pool.snapshot();
        assertEquals(2, snapshot.stats().releases());
        assertEquals(2, snapshot.exceptions());
    }

    @SuppressWarnings("unchecked")
    private static <X extends Throwable> RuntimeException sneaky(Throwable t) throws X {
        throw (X) t;
    }

    @Test
    void sharingIsPassedOnAndItsRefusalCounted() {
        UnsupportedOperationException refused = new UnsupportedOperationException("no sharing");
        when(wrapped.tryAcquire(64)).thenReturn(lease);
        when(lease.share()).thenThrow(refused);
        Lease<byte[]> counted = pool.acquire(64);

        assertSame(refused, assertThrows(UnsupportedOperationException.class, counted::share));
        counted.close();
        verify(lease).close();
        assertEquals(1, pool.stats().releases(), "the lease is still open after a refused share");
        assertEquals(1, pool.snapshot().exceptions());
    }

    @Test
    void statsTrimAndCloseGoToTheWrappedPoolAndTheirExceptionsAreCounted() {
        IllegalStateException statsFailed = new IllegalStateException("stats");
        IllegalStateException closeFailed = new IllegalStateException("close");
        when(wrapped.stats()).thenThrow(statsFailed);
        doThrow(closeFailed).when(wrapped).close();

        assertSame(statsFailed, assertThrows(IllegalStateException.class, pool::stats));
        pool.trim();
        assertSame(closeFailed, assertThrows(IllegalStateException.class, pool::close));
        pool.close();
        verify(wrapped).trim();
        verify(wrapped, times(1)).close();
    }
}
