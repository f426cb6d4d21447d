package dev.bufpool.moduletests.demo;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.PoolStats;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo's second part: the same workload on a pool of each provider with idle trimming, then
 * silence, printing the pool's idle memory as it falls while nothing calls the pool.
 */
final class IdleTrimDemo {

    /** How long a buffer may stay idle in the demo's pools. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);
    /** The idle bound of the demo's pools. */
    static final long MAX_IDLE_BYTES = 8L << 20;
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
    private static final int SAMPLES = 12;

    private final PrintStream out;

    IdleTrimDemo(PrintStream out) {
        this.out = out;
    }

    void run(List<BufferPoolProvider> providers, int threads, Duration duration) throws InterruptedException {
        out.printf(Locale.ROOT, "%nIdle trimming: the same workload with idleTimeout %d ms and maxIdleBytes %s,"
                + " then no calls at all;%nidle memory as the pool's timer trims it:%n",
                IDLE_TIMEOUT.toMillis(), Demo.bytes(MAX_IDLE_BYTES));
        for (BufferPoolProvider provider : providers) {
            if (!provider.features().contains(PoolFeature.IDLE_TRIM) || provider.features().contains(PoolFeature.BOUNDED)) {
                continue; // a bounded pool's buffers are its size; it only gives back what grow() added
            }
            PoolSpec<byte[]> spec = FittedSpec.builder(provider, BufferTypes.BYTE_ARRAY, Workload.LARGEST,
                    Workload.mostOut(threads)).name("trimmed-" + provider.name())
                    .idleTimeout(IDLE_TIMEOUT).maxIdleBytes(MAX_IDLE_BYTES).build();
            try (BufferPool<byte[]> pool = provider.create(spec)) {
                Workload.run(pool, provider.name(), threads, duration);
                Table falling = new Table("after the load", "idle buffers", "idle memory", "trimmed so far")
                        .rightAligned(1, 2, 3);
                long start = System.nanoTime();
                for (int sample = 0; sample <= SAMPLES; sample++) {
                    PoolStats stats = pool.stats();
                    falling.row(String.format(Locale.ROOT, "%.2f s", (System.nanoTime() - start) / 1e9),
                            Demo.count(stats.idleBuffers()), Demo.bytes(stats.idleBytes()), Demo.count(stats.trims()));
                    if (stats.idleBuffers() == 0) {
                        break;
                    }
                    LockSupport.parkNanos(SAMPLE_EVERY.toNanos()); // a demo waiting for time to pass
                }
                out.printf(Locale.ROOT, "%n%s%n", provider.name());
                falling.print(out, "  ");
            }
        }
        out.printf(Locale.ROOT, "%nNothing called the pools after the load: the trimming ran on a timer of the JDK's"
                + " shared scheduler.%n");
    }
}
