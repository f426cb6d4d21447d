package dev.bufpool.moduletests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;

/**
 * The bundles as built, in Apache Felix with the Service Loader Mediator (Aries SPI Fly):
 * {@code BufferPools} in the API bundle finds the providers and the decorator in their own bundles
 * through {@code ServiceLoader}, a pool of each provider decorated with {@code stats} works, and
 * once the pools are closed and the bundles stopped nothing of theirs runs on: no thread whose class
 * or context class loader is a bundle's (the calls run with the API's loader as context class
 * loader, so a thread they start is marked), no MXBean, and the framework stops in time.
 */
class ServiceLoaderMediatorTest {

    private static final List<String> PROVIDERS = List.of("sharded", "sizeclass", "bounded");
    /** Set by the surefire execution osgi: every stats pool then runs a reporter thread of its own. */
    private static final String REPORT_INTERVAL_PROPERTY = "dev.bufpool.stats.reportInterval";

    @TempDir
    Path storage;

    @Test
    void everyProviderIsFoundAcrossBundlesAndNothingOfThemRunsOnAfterStop() throws Exception {
        try (InProcessFelix felix = InProcessFelix.start(storage)) {
            // The mediator first: it weaves the API's ServiceLoader call as that class is loaded.
            felix.resolveAndStart(felix.install(BuiltBundles.jars(BuiltBundles.MEDIATOR_JARS)));
            List<String> jars = new ArrayList<>(List.of(
                    BuiltBundles.SLF4J_API, BuiltBundles.SLF4J_SIMPLE, BuiltBundles.CAFFEINE));
            jars.addAll(BuiltBundles.PROJECT_JARS);
            List<Bundle> bundles = felix.install(BuiltBundles.jars(jars));
            felix.resolveAndStart(bundles);
            List<Bundle> project = bundles.subList(3, bundles.size());
            Set<ClassLoader> loaders = new HashSet<>();
            project.forEach(b -> loaders.add(InProcessFelix.classLoader(b)));

            ApiInFramework api = new ApiInFramework(felix.bundle("dev.bufpool.api"));
            api.withApiContextClassLoader(() -> {
                List<?> providers = api.providers();
                assertEquals(PROVIDERS, providers.stream().map(api::name).toList(), "providers found, best first");
                for (Object provider : providers) {
                    assertEquals("dev.bufpool." + api.name(provider), ApiInFramework.bundleOf(provider),
                            "the bundle of provider " + api.name(provider));
                }
                for (String name : PROVIDERS) {
                    Object pool = api.create(api.statsSpec(name));
                    // The check after stop can see what a live pool runs: its reporter thread (started
                    // from this thread, so with the API's loader as context class loader) and its MXBean.
                    List<String> live = Leftovers.of(loaders);
                    assertTrue(live.stream().anyMatch(t -> t.startsWith("thread bufpool-stats-osgi-" + name)),
                            () -> "no reporter thread of pool osgi-" + name + " seen (is " + REPORT_INTERVAL_PROPERTY
                                    + " set?): " + live);
                    assertTrue(live.stream().anyMatch(t -> t.startsWith("MXBean") && t.contains("osgi-" + name)),
                            () -> "no MXBean of pool osgi-" + name + " seen: " + live);
                    assertEquals("dev.bufpool.stats", ApiInFramework.bundleOf(pool), "the bundle of pool " + name);
                    assertEquals(ApiInFramework.LEASES + 1, api.use(pool), "acquisitions counted by " + name);
                }
                return null;
            });

            InProcessFelix.stopInReverseOrder(project);
            assertEquals(List.of(), Leftovers.awaitNone(loaders), "left running after the bundles stopped");
            FrameworkEvent stopped = felix.stop();
            assertEquals(FrameworkEvent.STOPPED, stopped.getType(), () -> "framework stop: " + stopped);
        }
    }
}
