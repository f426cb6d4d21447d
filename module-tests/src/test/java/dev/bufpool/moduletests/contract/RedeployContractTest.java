package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bufpool.spi.BufferPoolProvider;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing of a closed pool keeps its class loader reachable, as an application server that
 * redeploys needs: the library is loaded again into a module layer of its own (one class loader, as
 * a deployed application has), a pool is used on this thread and on a long-lived worker thread and
 * closed, and then the layer's class loader must be collectable while both threads live on.
 */
class RedeployContractTest {

    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Long enough for a collection to happen when nothing pins the loader; the check that one pins waits this. */
    private static final long SHORT_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    /** What a pool that leaks would leave on a long-lived thread: a reference into the application. */
    private static final ThreadLocal<Object> PIN = new ThreadLocal<>();

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void aClosedPoolLeavesTheClassLoaderOfItsApplicationCollectable(BufferPoolProvider provider) throws Exception {
        assumeTrue(getClass().getModule().isNamed(), "module layers are built from the module path");
        assertNull(deployUseAndUndeploy(provider.name(), false, BOUND_NANOS),
                "the class loader of a closed pool is still reachable");
    }

    @Test
    void theCheckFindsALoaderPinnedByAThreadLocalOfALongLivedThread() throws Exception {
        assumeTrue(getClass().getModule().isNamed(), "module layers are built from the module path");
        String provider = ContractKit.providers().findFirst().orElseThrow().getPayload().name();
        assertNotNull(deployUseAndUndeploy(provider, true, SHORT_BOUND_NANOS), "a pinned loader went unnoticed");
    }

    /**
     * Deploys the library, uses a pool on this thread and on a long-lived worker thread, undeploys,
     * and gives the layer's class loader if it is still reachable after the bound, else {@code null}.
     *
     * @param pin whether the worker keeps a reference to the pool in a thread local, as a leaking
     *        pool would
     */
    private static ClassLoader deployUseAndUndeploy(String provider, boolean pin, long boundNanos)
            throws Exception {
        CountDownLatch used = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        Deployment deployment = new Deployment();
        Thread worker = new Thread(() -> {
            deployment.awaitPool();
            deployment.use(pin);
            used.countDown();
            awaitQuietly(checked);
            PIN.remove();
        }, "long-lived worker");
        worker.start();
        try {
            WeakReference<ClassLoader> loader = deployment.deploy(provider);
            deployment.use(false);
            used.await(30, TimeUnit.SECONDS);
            deployment.undeploy();
            return awaitCollected(loader, boundNanos);
        } finally {
            checked.countDown();
            worker.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the collector until the referent is gone or a deadline passes; gives what is left. */
    private static ClassLoader awaitCollected(WeakReference<ClassLoader> loader, long boundNanos) {
        long deadline = System.nanoTime() + boundNanos;
        while (loader.get() != null && System.nanoTime() < deadline) {
            System.gc();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return loader.get();
    }

    /**
     * The library loaded into a layer of its own, and one pool of it, reached only by reflection, so
     * that nothing but this object refers to the layer; {@link #undeploy()} drops it all.
     */
    private static final class Deployment {
        private final CountDownLatch ready = new CountDownLatch(1);
        private volatile ClassLoader loader;
        private volatile Object pool;
        private volatile Method acquire;
        private volatile Method closeLease;

        WeakReference<ClassLoader> deploy(String provider) throws ReflectiveOperationException {
            Path[] library = ModuleLayer.boot().configuration().modules().stream()
                    .filter(m -> !m.name().equals(RedeployContractTest.class.getModule().getName()))
                    .map(ResolvedModule::reference).map(ModuleReference::location).flatMap(Optional::stream)
                    .filter(uri -> uri.getScheme().equals("file")).map(Path::of).toArray(Path[]::new);
            Configuration configuration = ModuleLayer.boot().configuration()
                    .resolveAndBind(ModuleFinder.of(library), ModuleFinder.of(), Set.of("dev.bufpool.api"));
            ModuleLayer layer = ModuleLayer.boot()
                    .defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
            loader = layer.findLoader("dev.bufpool.api");
            Object type = loader.loadClass("dev.bufpool.BufferTypes").getField("BYTE_ARRAY").get(null);
            Class<?> specClass = loader.loadClass("dev.bufpool.PoolSpec");
            Object builder = specClass.getMethod("builder", loader.loadClass("dev.bufpool.BufferType"))
                    .invoke(null, type);
            Class<?> builderClass = loader.loadClass("dev.bufpool.PoolSpec$Builder");
            builderClass.getMethod("provider", String.class).invoke(builder, provider);
            Object spec = builderClass.getMethod("build").invoke(builder);
            Class<?> poolClass = loader.loadClass("dev.bufpool.BufferPool");
            acquire = poolClass.getMethod("acquire", int.class);
            closeLease = loader.loadClass("dev.bufpool.Lease").getMethod("close");
            pool = withContextLoader(() -> loader.loadClass("dev.bufpool.BufferPools")
                    .getMethod("create", specClass).invoke(null, spec));
            assertSame(layer, pool.getClass().getModule().getLayer(), "the pool comes from the deployed layer");
            ready.countDown();
            return new WeakReference<>(loader);
        }

        void awaitPool() {
            awaitQuietly(ready);
        }

        /** Acquires and closes a few buffers, so this thread's cache, if any, holds some. */
        void use(boolean pin) {
            if (pin) {
                PIN.set(pool);
            }
            try {
                for (int i = 0; i < 8; i++) {
                    closeLease.invoke(acquire.invoke(pool, 1000 + i));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        void undeploy() throws ReflectiveOperationException {
            loader.loadClass("dev.bufpool.BufferPool").getMethod("close").invoke(pool);
            pool = null;
            acquire = null;
            closeLease = null;
            loader = null;
        }

        /** An application server runs an application's code with its loader as context loader. */
        private Object withContextLoader(Action action) throws ReflectiveOperationException {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                return action.run();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        @FunctionalInterface
        private interface Action {
            Object run() throws ReflectiveOperationException;
        }
    }
}
