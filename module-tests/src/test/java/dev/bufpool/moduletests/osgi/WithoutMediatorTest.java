package dev.bufpool.moduletests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The bundles as built resolve in Apache Felix with no Service Loader Mediator at all, and a pool is
 * built through its own builder: a user of {@code ShardedBufferPool} alone needs no SPI Fly.
 * {@code BufferPools} then finds no provider, as documented.
 *
 * <p>SLF4J 2's API bundle itself requires a mediator (not optionally), so it is installed here as a
 * copy whose mediator requirements are made optional, standing in for an {@code org.slf4j} exporter
 * without them (such as a logging service's). SLF4J then finds no provider and logs nothing.
 */
class WithoutMediatorTest {

    @TempDir
    Path storage;

    @TempDir
    Path jars;

    @Test
    void theBundlesResolveWithoutAMediatorAndTheShardedPoolIsBuiltDirectly() throws Exception {
        try (InProcessFelix felix = InProcessFelix.start(storage)) {
            Path slf4j = BuiltBundles.slf4jApiWithOptionalMediator(jars);
            List<Path> files = new ArrayList<>(List.of(slf4j, BuiltBundles.jar(BuiltBundles.CAFFEINE)));
            files.addAll(BuiltBundles.jars(BuiltBundles.PROJECT_JARS));
            List<Bundle> bundles = felix.install(files);
            felix.resolveAndStart(bundles);
            List<Bundle> project = bundles.subList(2, bundles.size());
            for (Bundle bundle : project) {
                assertEquals(Bundle.ACTIVE, bundle.getState(), bundle.getSymbolicName());
                assertEquals(List.of(), bundle.adapt(BundleWiring.class).getRequiredWires("osgi.extender"),
                        () -> bundle.getSymbolicName() + " is wired to an extender");
            }
            Set<ClassLoader> loaders = new HashSet<>();
            project.forEach(b -> loaders.add(InProcessFelix.classLoader(b)));

            ApiInFramework api = new ApiInFramework(felix.bundle("dev.bufpool.api"));
            Bundle sharded = felix.bundle("dev.bufpool.sharded");
            api.withApiContextClassLoader(() -> {
                assertEquals(List.of(), api.providers(), "providers found with no mediator");
                Class<?> pool = Reflect.load(sharded, "dev.bufpool.sharded.ShardedBufferPool");
                Class<?> builder = Reflect.load(sharded, "dev.bufpool.sharded.ShardedBufferPool$Builder");
                Object b = Reflect.callStatic(pool, "builder", api.byteArrays());
                b = Reflect.call(b, builder, "name", "direct");
                Object direct = Reflect.call(b, builder, "build");
                assertEquals("dev.bufpool.sharded", ApiInFramework.bundleOf(direct));
                api.use(direct);
                return null;
            });

            InProcessFelix.stopInReverseOrder(project);
            assertEquals(List.of(), Leftovers.awaitNone(loaders), "left running after the bundles stopped");
            FrameworkEvent stopped = felix.stop();
            assertEquals(FrameworkEvent.STOPPED, stopped.getType(), () -> "framework stop: " + stopped);
        }
    }
}
