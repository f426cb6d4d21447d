package dev.bufpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolExhaustedExceptionTest {

    @Test
    void theMessageNamesThePoolTheWantedSizeTheWaitTheOutstandingAndTheDetail() {
        PoolExhaustedException e = new PoolExhaustedException("frames", 65_536, Duration.ofMillis(250), 8,
                "available=0, waiting=3", null);

        String message = e.getMessage();
        for (String part : new String[] {"frames", "exhausted", "wanted capacity=65536", "waited=250 ms",
            "outstanding=8", "available=0, waiting=3"}) {
            assertTrue(message.contains(part), () -> "expected '" + part + "' in: " + message);
        }
        assertFalse(message.contains("interrupted"), message);
        assertNull(e.getCause());
    }

    @Test
    void theFiguresAreKeptForCode() {
        PoolExhaustedException e = new PoolExhaustedException("frames", 4096, Duration.ofSeconds(2), 16, "", null);
        assertEquals("frames", e.poolName());
        assertEquals(4096, e.requestedCapacity());
        assertEquals(Duration.ofSeconds(2), e.waited());
        assertEquals(16, e.outstanding());
    }

    @Test
    void anEmptyDetailLeavesNoTrailingSeparator() {
        String message = new PoolExhaustedException("p", 1, Duration.ZERO, 0, "", null).getMessage();
        assertTrue(message.endsWith("outstanding=0"), message);
    }

    @Test
    void anInterruptIsSaidSoAndKeptAsTheCause() {
        InterruptedException interrupt = new InterruptedException("stop");
        PoolExhaustedException e = new PoolExhaustedException("frames", 1024, Duration.ofMillis(40), 2, "", interrupt);

        assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
        assertFalse(e.getMessage().contains("exhausted"), e.getMessage());
        assertTrue(e.getMessage().contains("waited=40 ms"), e.getMessage());
        assertSame(interrupt, e.getCause());
    }

    @Test
    void anotherCauseIsKeptWithoutTheInterruptWording() {
        IllegalStateException cause = new IllegalStateException("closing");
        PoolExhaustedException e = new PoolExhaustedException("frames", 1, Duration.ZERO, 0, "", cause);
        assertTrue(e.getMessage().contains("exhausted"), e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void nullsAreRefusedNamingTheParameter() {
        assertEquals("poolName", assertThrows(NullPointerException.class,
                () -> new PoolExhaustedException(null, 1, Duration.ZERO, 0, "", null)).getMessage());
        assertEquals("waited", assertThrows(NullPointerException.class,
                () -> new PoolExhaustedException("p", 1, null, 0, "", null)).getMessage());
        assertEquals("detail", assertThrows(NullPointerException.class,
                () -> new PoolExhaustedException("p", 1, Duration.ZERO, 0, null, null)).getMessage());
    }

    @Test
    void itIsARuntimeException() {
        assertTrue(RuntimeException.class.isAssignableFrom(PoolExhaustedException.class));
    }
}
