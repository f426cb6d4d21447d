package dev.bufpool.moduletests.redeploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPools;
import dev.bufpool.spi.BufferPoolProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A redeploy as a servlet container does it, each in a fresh JVM ({@link RedeployScenario}): the
 * library's real jars (the providers, the stats decorator, Caffeine, SLF4J and slf4j-simple) on a
 * new {@link java.net.URLClassLoader} whose parent is the platform class loader, driven by request
 * threads of a pool made by the container, which outlive the application. Pools with idle trimming
 * on and, with {@code stats}, an MBean each, are used on every request thread, then undeployed; the
 * application's class loader must then be collected while the request threads live on.
 *
 * <p>A fresh JVM because on this JVM's module path the platform class loader delegates to the
 * boot layer's modules, this project's among them, so the application would see the test's own
 * copies; and because the application must be the first to use the JDK's delay scheduler, whose
 * thread lives as long as the JVM.
 */
class ClassLoaderRedeployTest {

    @TempDir
    Path dir;

    static Stream<String> providers() {
        return BufferPools.providers().stream().map(BufferPoolProvider::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void closingTheStatsPoolsAtUndeployLetsTheLoaderBeCollectedWhileTheRequestThreadsLiveOn(String provider)
            throws Exception {
        ChildJvm.Run run = redeploy("close", true, provider);

        assertEquals("false", run.get("scheduler.before"), "the JVM did not start clean");
        assertEquals("true", run.get("scheduler.after"), "the application did not use the JDK's delay scheduler");
        assertEquals(expectedMBeans(run.get("pools")), run.get("mbeans"), "one stats MBean per pool, from the application");
        assertEquals("", run.get("mbeans.left"), "MBeans of closed pools still registered");
        assertEquals("", run.get("leftovers"), "MBeans or threads referring to the application after close");
        assertEquals("true", run.get("collected"), () -> "the loader of closed pools is still reachable:\n" + run.output());
        assertEquals(String.valueOf(Container.THREADS), run.get("threads.alive"), "request threads outlive the application");
    }

    @Test
    void closingPoolsOfEveryProviderWithoutStatsLetsTheLoaderBeCollected() throws Exception {
        ChildJvm.Run run = redeploy("close", false, everyProvider());

        assertEquals("", run.get("mbeans"), "no MBean without the stats decorator");
        assertEquals("", run.get("leftovers"));
        assertEquals("true", run.get("collected"), () -> "the loader of closed pools is still reachable:\n" + run.output());
    }

    @Test
    void anUnclosedStatsPoolKeepsTheLoaderReachableThroughItsMBeanAndThroughNothingElse(TestReporter report)
            throws Exception {
        ChildJvm.Run run = redeploy("leave", true, everyProvider());

        assertEquals("false", run.get("collected"), "the loader of unclosed stats pools was collected");
        report.publishEntry("what keeps an undeployed application with unclosed stats pools reachable",
                run.get("culprits"));
        String scheduled = run.get("scheduled");
        report.publishEntry("what the JDK's delay scheduler holds meanwhile (a tick that failed to load a class "
                + "from the closed loader has stopped its timer)", scheduled.isEmpty() ? "nothing" : scheduled);
        String expected = Stream.of(run.get("pools").split(","))
                .map(pool -> "MBean dev.bufpool:type=BufferPool,name=" + pool + " (its class loader is webapp-1)")
                .sorted().collect(Collectors.joining("; "));
        assertEquals(expected, run.get("culprits"), "what an unclosed pool leaves: its MBean, no thread");
        assertFalse(run.output().contains("Exception in thread"),
                () -> "a trim timer of the closed application threw on a JDK thread:\n" + run.output());
        assertEquals("true", run.get("collected.after-unregister"),
                () -> "the MBeans were not all that kept the loader (the trim timers stop by themselves):\n" + run.output());
        assertEquals(String.valueOf(Container.THREADS), run.get("threads.alive"));
    }

    @Test
    void anUnclosedPoolKeptInAStaticFieldKeepsTheLoaderReachableThroughItsTrimTimersTaskInTheJdksScheduler(
            TestReporter report) throws Exception {
        ChildJvm.Run run = redeploy("keep", false, everyProvider());

        assertEquals("false", run.get("collected"), "the loader of unclosed pools kept in a static field was collected");
        assertEquals("", run.get("culprits"), "no MBean and no thread refers to the application");
        String scheduled = run.get("scheduled");
        report.publishEntry("what keeps an undeployed application with unclosed pools in a static field reachable",
                scheduled);
        List<String> tasks = List.of(scheduled.split("; "));
        assertEquals(run.get("pools").split(",").length, tasks.size(), () -> "one trim timer task per pool:\n" + run.output());
        // From JDK 25 the scheduler's queue cannot be read, only counted: one waiting task per pool.
        tasks.forEach(task -> assertTrue(task.equals(Leftovers.COMMON_POOL_DELAYED_TASK)
                || (task.startsWith("a task in the JDK's delay scheduler queue: ")
                        && task.contains("dev.bufpool.core.TrimTimer")), () -> "not a trim timer's task: " + task));
    }

    @Test
    void anUnclosedPoolWithoutStatsDoesNotKeepTheLoaderReachable() throws Exception {
        ChildJvm.Run run = redeploy("leave", false, everyProvider());

        assertEquals("", run.get("mbeans"));
        assertEquals("true", run.get("collected"), () -> "the loader of dropped pools is still reachable:\n" + run.output());
    }

    private ChildJvm.Run redeploy(String atUndeploy, boolean stats, String providers) throws Exception {
        List<String> args = new ArrayList<>(List.of(atUndeploy, String.valueOf(stats), "APP", providers));
        LibraryJars.find(LibraryJars.EVERYTHING).forEach(path -> args.add(path.toString()));
        return ChildJvm.run(dir, RedeployScenario.class, args);
    }

    private static String everyProvider() {
        return providers().collect(Collectors.joining(","));
    }

    /** The names the stats decorator gives the pools' MBeans, sorted, comma-separated. */
    private static String expectedMBeans(String pools) {
        return Stream.of(pools.split(",")).map(pool -> "dev.bufpool:type=BufferPool,name=" + pool).sorted()
                .collect(Collectors.joining(","));
    }
}
