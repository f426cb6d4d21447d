package dev.bufpool.sharded.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.PoolSpec;
import dev.bufpool.idle.IdleBudget;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShardedEngineTimerTest {

    private static ShardedEngine<byte[]> engine(PoolSpec<byte[]> spec) {
        ShardedSettings settings = ShardedSettings.of(spec);
        return new ShardedEngine<>(spec.name(), spec.type(), settings, IdleBudget.of(spec, settings.maxIdleBuffers(), 1),
                spec.leakDetection());
    }

    @Test
    void aPoolWithIdleTrimmingIsScheduledUntilClosedAndNotAfter() {
        ShardedEngine<byte[]> engine = engine(PoolSpec.builder(BufferTypes.BYTE_ARRAY)
                .idleTimeout(Duration.ofMinutes(5)).build());
        assertTrue(engine.trimming().timer().isScheduled());
        engine.close();
        assertFalse(engine.trimming().timer().isScheduled(), "close() takes the pending period out of the JDK's scheduler");
    }

    @Test
    void aPoolWithoutIdleTrimmingSchedulesNothing() {
        ShardedEngine<byte[]> engine = engine(PoolSpec.builder(BufferTypes.BYTE_ARRAY).build());
        assertNull(engine.trimming());
        engine.close();
    }
}
