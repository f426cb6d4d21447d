package dev.bufpool.moduletests.osgi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * This project's API as a bundle in a framework sees it, called by reflection: discovery through
 * {@code BufferPools}, specs, and a short use of a pool.
 */
final class ApiInFramework {

    /** Leases held at once by {@link #use}; a bounded pool of {@code maxBuffers(4)} has them all. */
    static final int LEASES = 3;
    static final int CAPACITY = 1024;

    private final Bundle api;
    private final Class<?> pools;
    private final Class<?> poolSpec;
    private final Class<?> specBuilder;
    private final Class<?> bufferType;
    private final Class<?> bufferPool;
    private final Class<?> lease;
    private final Class<?> provider;

    ApiInFramework(Bundle api) {
        this.api = api;
        pools = type("dev.bufpool.BufferPools");
        poolSpec = type("dev.bufpool.PoolSpec");
        specBuilder = type("dev.bufpool.PoolSpec$Builder");
        bufferType = type("dev.bufpool.BufferType");
        bufferPool = type("dev.bufpool.BufferPool");
        lease = type("dev.bufpool.Lease");
        provider = type("dev.bufpool.spi.BufferPoolProvider");
    }

    Class<?> type(String name) {
        return Reflect.load(api, name);
    }

    Object byteArrays() {
        return Reflect.field(type("dev.bufpool.BufferTypes"), "BYTE_ARRAY");
    }

    /** {@code BufferPools.providers()}: the provider objects, best first. */
    List<?> providers() {
        return (List<?>) Reflect.callStatic(pools, "providers");
    }

    String name(Object aProvider) {
        return (String) Reflect.call(aProvider, provider, "name");
    }

    /**
     * {@code PoolSpec.builder(BYTE_ARRAY).name(..).provider(name).decorate("stats")}, with the
     * settings a bounded provider needs.
     */
    Object statsSpec(String providerName) {
        Object builder = Reflect.callStatic(poolSpec, "builder", byteArrays());
        builder = Reflect.call(builder, specBuilder, "name", "osgi-" + providerName);
        builder = Reflect.call(builder, specBuilder, "provider", providerName);
        builder = Reflect.call(builder, specBuilder, "decorate", (Object) new String[] {"stats"});
        if (providerName.equals("bounded")) {
            builder = Reflect.call(builder, specBuilder, "maxBuffers", 4);
            builder = Reflect.call(builder, specBuilder, "bufferCapacity", CAPACITY);
        }
        return Reflect.call(builder, specBuilder, "build");
    }

    /** {@code BufferPools.create(spec)}. */
    Object create(Object spec) {
        return Reflect.callStatic(pools, "create", spec);
    }

    /**
     * Holds {@link #LEASES} leases at once, checks their buffers, closes them, takes one more and
     * closes it, then closes the pool.
     *
     * @return how many acquisitions the pool's {@code stats()} counted ({@code -1}, untracked, for a
     *         pool that counts none)
     */
    long use(Object pool) {
        try {
            List<Object> held = new ArrayList<>();
            for (int i = 0; i < LEASES; i++) {
                held.add(Reflect.call(pool, bufferPool, "acquire", CAPACITY));
            }
            for (Object l : held) {
                byte[] buffer = (byte[]) Reflect.call(l, lease, "buffer");
                assertTrue(buffer.length >= CAPACITY, () -> "a buffer of " + buffer.length + " bytes");
                buffer[0] = 1;
                Reflect.call(l, lease, "close");
            }
            Reflect.call(Reflect.call(pool, bufferPool, "acquire", CAPACITY), lease, "close");
            Object stats = Reflect.call(pool, bufferPool, "stats");
            return (Long) Reflect.call(stats, type("dev.bufpool.PoolStats"), "acquisitions");
        } finally {
            Reflect.call(pool, bufferPool, "close");
        }
    }

    /** The symbolic name of the bundle that loaded {@code object}'s class. */
    static String bundleOf(Object object) {
        Bundle bundle = FrameworkUtil.getBundle(object.getClass());
        return bundle == null ? "(no bundle: " + object.getClass().getClassLoader() + ")" : bundle.getSymbolicName();
    }

    /**
     * Runs {@code calls} with the thread's context class loader set to the API bundle's. Discovery
     * passes the context class loader (else the API's own) to {@code ServiceLoader.load}, and SPI Fly
     * rewrites that call to search a loader that delegates to the given one first, then to the
     * provider bundles. Left as this JVM's application class loader, which has this project's
     * modules outside the framework, the first delegation finds those copies and the JDK skips them
     * (named modules that cannot read the framework's API): no provider is found. {@code null} works
     * as well as the API's loader.
     */
    <R> R withApiContextClassLoader(Supplier<R> calls) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(InProcessFelix.classLoader(api));
        try {
            return calls.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
