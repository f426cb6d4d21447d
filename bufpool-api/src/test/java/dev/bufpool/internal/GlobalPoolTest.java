package dev.bufpool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GlobalPoolTest {

    private final BufferPool<byte[]> pool = Fakes.pool("wrapped");
    private final GlobalPool<byte[]> global = new GlobalPool<>(pool);

    @SuppressWarnings("unchecked")
    private static Lease<byte[]> lease() {
        return mock(Lease.class);
    }

    @Test
    void acquireIsDelegated() {
        Lease<byte[]> lease = lease();
        when(pool.acquire(4096)).thenReturn(lease);
        assertSame(lease, global.acquire(4096));
        verify(pool).acquire(4096);
    }

    @Test
    void tryAcquireIsDelegatedIncludingItsNull() {
        Lease<byte[]> lease = lease();
        when(pool.tryAcquire(16)).thenReturn(lease);
        assertSame(lease, global.tryAcquire(16));
        assertNull(global.tryAcquire(32));
        verify(pool).tryAcquire(32);
    }

    @Test
    void timedTryAcquireIsDelegatedWithItsTimeout() throws InterruptedException {
        Lease<byte[]> lease = lease();
        when(pool.tryAcquire(64, 5, TimeUnit.SECONDS)).thenReturn(lease);
        assertSame(lease, global.tryAcquire(64, 5, TimeUnit.SECONDS));
        verify(pool).tryAcquire(64, 5, TimeUnit.SECONDS);
    }

    @Test
    void timedTryAcquirePassesTheInterruptOn() throws InterruptedException {
        InterruptedException interrupt = new InterruptedException();
        when(pool.tryAcquire(1, 1, TimeUnit.MILLISECONDS)).thenThrow(interrupt);
        assertSame(interrupt, assertThrows(InterruptedException.class,
                () -> global.tryAcquire(1, 1, TimeUnit.MILLISECONDS)));
    }

    @Test
    void nameTypeStatsAndToStringAreDelegated() {
        PoolStats stats = PoolStats.idleOnly(3, 300);
        when(pool.name()).thenReturn("bufpool.bytes");
        when(pool.type()).thenReturn(BufferTypes.BYTE_ARRAY);
        when(pool.stats()).thenReturn(stats);

        assertEquals("bufpool.bytes", global.name());
        assertSame(BufferTypes.BYTE_ARRAY, global.type());
        assertSame(stats, global.stats());
        assertEquals(pool.toString(), global.toString());
    }

    @Test
    void trimIsDelegated() {
        global.trim();
        verify(pool).trim();
    }

    @Test
    void closeIsRefusedAndLeavesTheWrappedPoolOpen() {
        when(pool.name()).thenReturn("bufpool.bytes");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, global::close);
        assertTrue(e.getMessage().contains("bufpool.bytes"), e.getMessage());
        verify(pool, never()).close();
    }

    @Test
    void thePoolStillServesAfterARefusedClose() {
        Lease<byte[]> lease = lease();
        when(pool.acquire(8)).thenReturn(lease);
        assertThrows(UnsupportedOperationException.class, global::close);
        assertSame(lease, global.acquire(8));
    }
}
