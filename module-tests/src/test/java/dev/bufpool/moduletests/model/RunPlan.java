package dev.bufpool.moduletests.model;

import dev.bufpool.BufferTypes;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.time.Duration;
import java.time.InstantSource;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Everything one seeded run does, drawn from its seed: the pool's settings (only those the provider
 * has the feature for), the number of workers, their operations and the sizes they ask for. The
 * same seed gives the same plan and the same operation sequence per worker; only the interleaving
 * of the workers is the scheduler's.
 */
final class RunPlan {

    /** The pooled capacity of a bounded pool; requests never exceed it. */
    static final int BOUNDED_CAPACITY = 256;
    private static final int[] UNBOUNDED_SIZES = {0, 1, 8, 16, 64, 100, 256, 1000, 1024, 2000};
    private static final int[] BOUNDED_SIZES = {0, 1, 8, 16, 64, 100, 200, 256};
    private static final int[][] SIZE_CLASSES = {{64, 256, 1024}, {16, 128, 1024, 2048}, {8, 64, 512}};
    private static final long[] MAX_IDLE_BYTES = {0, 512, 2048, 8192, 65536};
    /** The longest a blocking acquire of a bounded pool waits: it is only made when a buffer should be free. */
    static final Duration BOUNDED_MAX_WAIT = Duration.ofMillis(200);

    final long seed;
    final BufferPoolProvider provider;
    final boolean decorated;
    final String name;
    final int threads;
    final int opsPerThread;
    final int[] sizes;
    final boolean bounded;
    final boolean sharing;
    final boolean idleTrim;
    /** The bounded pool's initial slots; 0 for an unbounded pool. */
    final int maxBuffers;
    final int preallocate;
    final OptionalInt maxIdleBuffers;
    final OptionalLong maxIdleBytes;
    /** With IDLE_TRIM: the idle timeout, driven by the run's clock. */
    final Duration idleTimeout;
    private final int threadCacheSize;
    private final int shards;
    private final int[] sizeClasses;
    private final int trimCapacity;
    private final SplittableRandom[] randoms;

    RunPlan(BufferPoolProvider provider, boolean decorated, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Set<PoolFeature> features = provider.features();
        this.seed = seed;
        this.provider = provider;
        this.decorated = decorated;
        this.name = "model-" + provider.name() + (decorated ? "-stats-" : "-") + seed;
        this.threads = 2 + r.nextInt(2);
        this.opsPerThread = 20 + r.nextInt(41);
        this.bounded = features.contains(PoolFeature.BOUNDED);
        this.sharing = features.contains(PoolFeature.SHARING);
        this.idleTrim = features.contains(PoolFeature.IDLE_TRIM);
        this.sizes = bounded ? BOUNDED_SIZES : UNBOUNDED_SIZES;
        this.maxBuffers = bounded ? 2 + r.nextInt(6) : 0;
        this.threadCacheSize = features.contains(PoolFeature.THREAD_CACHE) ? r.nextInt(5) : -1;
        this.shards = features.contains(PoolFeature.SHARDED) ? 1 << r.nextInt(3) : -1;
        this.sizeClasses = features.contains(PoolFeature.SIZE_CLASSES) ? SIZE_CLASSES[r.nextInt(SIZE_CLASSES.length)] : null;
        this.trimCapacity = bounded ? -1 : (r.nextBoolean() ? 1024 : 4096);
        this.idleTimeout = idleTrim ? Duration.ofMillis(20 + r.nextInt(180)) : null;
        if (bounded) {
            long idleBytes = r.nextInt(3) == 0 ? (long) r.nextInt(4) * BOUNDED_CAPACITY : -1;
            this.maxIdleBytes = idleTrim && idleBytes >= 0 ? OptionalLong.of(idleBytes) : OptionalLong.empty();
            this.maxIdleBuffers = r.nextInt(3) == 0 ? OptionalInt.of(r.nextInt(maxBuffers + 1)) : OptionalInt.empty();
            int most = Math.min(maxBuffers, maxIdleBuffers.orElse(maxBuffers));
            if (maxIdleBytes.isPresent()) {
                most = (int) Math.min(most, maxIdleBytes.getAsLong() / BOUNDED_CAPACITY);
            }
            this.preallocate = r.nextInt(most + 1);
        } else {
            this.maxIdleBytes = idleTrim ? OptionalLong.of(MAX_IDLE_BYTES[r.nextInt(MAX_IDLE_BYTES.length)])
                    : OptionalLong.empty();
            this.maxIdleBuffers = r.nextBoolean() ? OptionalInt.of(r.nextInt(33)) : OptionalInt.empty();
            this.preallocate = 0;
        }
        this.randoms = IntStream.range(0, threads).mapToObj(t -> r.split()).toArray(SplittableRandom[]::new);
    }

    /** The spec of the run's pool, reading {@code clock} for idle trimming. */
    PoolSpec<byte[]> spec(InstantSource clock) {
        int largest = bounded ? BOUNDED_CAPACITY : UNBOUNDED_SIZES[UNBOUNDED_SIZES.length - 1];
        PoolSpec.Builder<byte[]> spec = FittedSpec.builder(provider, BufferTypes.BYTE_ARRAY, largest, Math.max(1, maxBuffers))
                .name(name);
        if (bounded) {
            spec.maxWait(BOUNDED_MAX_WAIT).preallocate(preallocate);
        } else {
            spec.trimCapacity(trimCapacity);
        }
        if (threadCacheSize >= 0) {
            spec.threadCacheSize(threadCacheSize);
        }
        if (shards > 0) {
            spec.shards(shards);
        }
        if (sizeClasses != null) {
            spec.sizeClasses(sizeClasses);
        }
        maxIdleBuffers.ifPresent(spec::maxIdleBuffers);
        maxIdleBytes.ifPresent(spec::maxIdleBytes);
        if (idleTrim) {
            spec.idleTimeout(idleTimeout).clock(clock);
        }
        if (decorated) {
            spec.decorate("stats");
        }
        return spec.build();
    }

    /** @return worker {@code t}'s own random source, split from the seed */
    SplittableRandom random(int t) {
        return randoms[t];
    }

    /** Where a failure happened and how to run it again; part of every assertion message. */
    String where() {
        return "seed " + seed + " (" + provider.name() + (decorated ? " decorated with stats" : " plain") + ", "
                + threads + " threads x " + opsPerThread + " ops" + (bounded ? ", maxBuffers " + maxBuffers : "")
                + ", maxIdleBytes " + (maxIdleBytes.isPresent() ? maxIdleBytes.getAsLong() : "unset")
                + ", maxIdleBuffers " + (maxIdleBuffers.isPresent() ? maxIdleBuffers.getAsInt() : "unset")
                + "); rerun with -D" + SeededModelTest.SEED_PROPERTY + "=" + seed;
    }
}
