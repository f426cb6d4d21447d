package dev.bufpool.stats;

import dev.bufpool.BufferPool;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/** Reaches the builder settings that only tests use: the clock and the logger. */
public final class Builders {

    private Builders() {
    }

    /** A builder for {@code pool} that logs to {@code log} and reads time from {@code ticker}. */
    public static <T> StatsPoolBuilder<T> recorded(BufferPool<T> pool, Logger log, LongSupplier ticker) {
        return StatsBufferPool.builder(pool).logger(log).ticker(ticker);
    }
}
