package dev.bufpool.moduletests.model;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.bufpool.BufferPools;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A seeded model test of every provider found, plain and decorated with {@code "stats"}: two or three
 * threads run random sequences of acquire, {@code tryAcquire} (untimed, timed 0 or negative, timed
 * 0.5-2 ms), close, double close (at once and later, once the buffer has moved on), share, retain,
 * shared close, hand-over of a lease or shared buffer to another thread (which closes it: a
 * cross-thread close), trim, stats, time passing on the spec's clock (with {@code idleTimeout}, for
 * providers with IDLE_TRIM) and {@code grow} (a plain bounded pool, by reflection). Each holder stamps
 * its identity into its buffer and checks it before each close, and the model keeps the identity set
 * of the buffers out: no buffer may be handed out while another open lease holds it.
 *
 * <p>At the midpoint (all threads at a barrier) and at the end the pool's figures must match the
 * model: outstanding equal to the leases out; for a decorated pool acquisitions and releases equal to
 * what the threads did and {@code acquisitions == releases + outstanding}; every buffer made is idle,
 * out, dropped or trimmed; {@code idleBytes <= maxIdleBytes} where set, {@code idleBuffers <=
 * maxIdleBuffers} where that is the bound; for a bounded pool out and idle within its slots,
 * {@code peakOutstanding <= maxBuffers} through the decorator, and every buffer not out can be leased
 * at the end. Then the pool is closed with some leases and shared buffers still out, which are closed
 * after; a closed pool refuses acquisitions with an {@link IllegalStateException} naming it, keeps
 * nothing idle, and (decorated) counts every release.
 *
 * <p><b>Seeds.</b> Each provider x plain/decorated pool runs {@value #RUNS_PER_POOL} seeds, a block of
 * its own ({@code 1,000,000 x k + i}); a seed fixes the settings, the thread count and each thread's
 * operations, while the interleaving stays the scheduler's. Every failure message starts with its seed.
 * To run one seed again, against every provider plain and decorated:
 * <pre>
 * mvn -B -ntp verify -pl module-tests -am -Dtest=SeededModelTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbufpool.model.seed=3000042
 * </pre>
 * {@code -Dbufpool.model.provider=NAME} keeps one provider, {@code -Dbufpool.model.runs=N} sets the
 * seeds a pool runs (say 20,000 for a soak), and {@code -Dbufpool.model.strictPeak=true} holds the
 * decorator's peak of a bounded pool to {@code maxBuffers} in runs with cross-thread closes too
 * (which {@code StatsBufferPool} documents it may pass while such a close is in flight; without it
 * those runs allow one lease more per other thread).
 */
class SeededModelTest {

    /** Runs only this seed. */
    static final String SEED_PROPERTY = "bufpool.model.seed";
    /** Runs only the provider of this name. */
    static final String PROVIDER_PROPERTY = "bufpool.model.provider";
    /** The seeds each provider x plain/decorated pool runs. */
    static final String RUNS_PROPERTY = "bufpool.model.runs";
    /**
     * Holds the decorator's {@code peakOutstanding} of a bounded pool to {@code maxBuffers} even in
     * runs with cross-thread closes, whose release the decorator documents may count late.
     */
    static final String STRICT_PEAK_PROPERTY = "bufpool.model.strictPeak";
    static final int RUNS_PER_POOL = 170;
    private static final long SEED_BLOCK = 1_000_000L;

    @TestFactory
    List<DynamicNode> everyProviderPlainAndDecoratedKeepsTheModel() {
        String onlySeed = System.getProperty(SEED_PROPERTY);
        String onlyProvider = System.getProperty(PROVIDER_PROPERTY);
        int runs = Integer.getInteger(RUNS_PROPERTY, RUNS_PER_POOL);
        List<BufferPoolProvider> providers = BufferPools.providers();
        assertFalse(providers.isEmpty(), "no provider found");
        List<DynamicNode> pools = new ArrayList<>();
        int block = 0;
        for (BufferPoolProvider provider : providers) {
            for (boolean decorated : new boolean[] {false, true}) {
                long first = SEED_BLOCK * ++block;
                if (onlyProvider != null && !onlyProvider.equals(provider.name())) {
                    continue;
                }
                LongStream seeds = onlySeed != null ? LongStream.of(Long.parseLong(onlySeed.strip()))
                        : LongStream.range(first, first + runs);
                pools.add(DynamicContainer.dynamicContainer(provider.name() + (decorated ? " + stats" : " plain"),
                        seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed,
                                () -> ModelRun.run(provider, decorated, seed)))));
            }
        }
        return pools;
    }
}
