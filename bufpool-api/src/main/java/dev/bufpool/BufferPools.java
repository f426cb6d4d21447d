package dev.bufpool;

import dev.bufpool.internal.GlobalPool;
import dev.bufpool.internal.PoolFactory;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.List;

/**
 * The entry point: creates pools from the implementations found through
 * {@link java.util.ServiceLoader}, and holds two process-wide pools.
 *
 * <p><b>Choosing a provider.</b> {@link #create(PoolSpec)} uses the provider the spec names; else
 * the one the system property {@value #PROVIDER_PROPERTY} names; else the highest-priority provider
 * whose features cover the spec's {@linkplain PoolSpec#features() features}. It then applies the
 * decorators the spec asks for. Providers and decorators are discovered once, on first use, on the
 * module path, the class path, or through OSGi's Service Loader Mediator.
 *
 * <p><b>Where they are looked for.</b> With {@link java.util.ServiceLoader}, for providers and for
 * decorators separately: first through the context class loader of the thread that first uses this
 * class, if it has one (a class-path program's, or a web application's in an application server);
 * then, if that finds no working one, through the class loader of this API (a plugin host whose
 * thread's context loader cannot see the plugin's jars, which hold this library and its providers).
 * A provider or decorator that fails to load is skipped, logged through {@link System.Logger}, and
 * named in later error messages. When no provider is found at all, the error names each class
 * loader searched. Discovery is not repeated: a thread with another context class loader sees the
 * same providers.
 *
 * <p><b>Thread safety:</b> every method is thread-safe.
 */
public final class BufferPools {

    /** The system property that names the provider to use when a spec names none. */
    public static final String PROVIDER_PROPERTY = "dev.bufpool.provider";

    /** The most idle buffers {@link #bytes()} keeps. */
    public static final int GLOBAL_BYTES_MAX_IDLE = 1024;
    /** The largest buffer {@link #bytes()} keeps, in bytes: 64 KiB. */
    public static final int GLOBAL_BYTES_TRIM_CAPACITY = 64 * 1024;
    /** The most idle buffers {@link #floats()} keeps. */
    public static final int GLOBAL_FLOATS_MAX_IDLE = 64;
    /** The largest buffer {@link #floats()} keeps, in floats. */
    public static final int GLOBAL_FLOATS_TRIM_CAPACITY = 200_000;

    private BufferPools() {
    }

    /** Discovery runs once, when this class is first initialized (the holder idiom). */
    private static final class Discovered {
        static final PoolFactory FACTORY = PoolFactory.discover(PROVIDER_PROPERTY);
    }

    /** The global pools, made on first success; a failed attempt is retried on the next call. */
    private static volatile BufferPool<byte[]> globalBytes;
    private static volatile BufferPool<float[]> globalFloats;

    /**
     * Every provider found, best first (highest priority, then name).
     *
     * @return an unmodifiable list; empty if none was found
     */
    public static List<BufferPoolProvider> providers() {
        return Discovered.FACTORY.providers();
    }

    /**
     * The provider of this name.
     *
     * @param name the provider's name, such as {@code "sharded"}
     * @return the provider
     * @throws IllegalStateException if no provider of that name was found; the message lists those
     *         that were and the jar to add
     */
    public static BufferPoolProvider provider(String name) {
        return Discovered.FACTORY.provider(name);
    }

    /**
     * Creates the pool {@code spec} describes with the provider chosen as the class comment says,
     * wrapped in the decorators it names.
     *
     * @param spec the spec
     * @param <T> the buffer class
     * @return a new open pool, owned by the caller, who should close it
     * @throws IllegalStateException if no provider was found (the message names the class loaders
     *         searched), none has the name asked for, none has the features wanted, or a decorator
     *         named is missing; the message lists what was found and the jar to add
     * @throws IllegalArgumentException if the provider asked for by name cannot honour a setting of
     *         the spec; the message names the setting and the provider
     */
    public static <T> BufferPool<T> create(PoolSpec<T> spec) {
        return Discovered.FACTORY.create(spec);
    }

    /**
     * The process-wide pool of {@code byte[]}, created on first use from the best provider: keeps up
     * to {@value #GLOBAL_BYTES_MAX_IDLE} idle buffers and drops returned buffers above
     * {@value #GLOBAL_BYTES_TRIM_CAPACITY} bytes. Its {@code close()} throws
     * {@link UnsupportedOperationException}.
     *
     * @return the global pool
     * @throws IllegalStateException if no provider was found
     */
    public static BufferPool<byte[]> bytes() {
        BufferPool<byte[]> pool = globalBytes;
        if (pool == null) {
            synchronized (BufferPools.class) {
                pool = globalBytes;
                if (pool == null) {
                    pool = new GlobalPool<>(create(PoolSpec.builder(BufferTypes.BYTE_ARRAY)
                            .name("bufpool.bytes")
                            .maxIdleBuffers(GLOBAL_BYTES_MAX_IDLE)
                            .trimCapacity(GLOBAL_BYTES_TRIM_CAPACITY)
                            .build()));
                    globalBytes = pool;
                }
            }
        }
        return pool;
    }

    /**
     * The process-wide pool of {@code float[]} for PCM audio, created on first use from the best
     * provider: keeps up to {@value #GLOBAL_FLOATS_MAX_IDLE} idle buffers and drops returned buffers
     * above {@value #GLOBAL_FLOATS_TRIM_CAPACITY} floats. Its {@code close()} throws
     * {@link UnsupportedOperationException}.
     *
     * @return the global pool
     * @throws IllegalStateException if no provider was found
     */
    public static BufferPool<float[]> floats() {
        BufferPool<float[]> pool = globalFloats;
        if (pool == null) {
            synchronized (BufferPools.class) {
                pool = globalFloats;
                if (pool == null) {
                    pool = new GlobalPool<>(create(PoolSpec.builder(BufferTypes.FLOAT_ARRAY)
                            .name("bufpool.floats")
                            .maxIdleBuffers(GLOBAL_FLOATS_MAX_IDLE)
                            .trimCapacity(GLOBAL_FLOATS_TRIM_CAPACITY)
                            .build()));
                    globalFloats = pool;
                }
            }
        }
        return pool;
    }
}
