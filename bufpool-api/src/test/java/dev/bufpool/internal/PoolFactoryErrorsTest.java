package dev.bufpool.internal;

import static dev.bufpool.internal.Fakes.decorator;
import static dev.bufpool.internal.Fakes.factory;
import static dev.bufpool.internal.Fakes.provider;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.bufpool.BufferTypes;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PoolFactoryErrorsTest {

    private static final String BROKEN = "dev.example.Bad: Provider dev.example.Bad could not be instantiated";

    private final BufferPoolProvider sharded = provider("sharded", 100,
            PoolFeature.THREAD_CACHE, PoolFeature.SHARDED, PoolFeature.SHARING);
    private final BufferPoolProvider bounded = provider("bounded", 10,
            PoolFeature.BOUNDED, PoolFeature.BLOCKING, PoolFeature.SHARING);

    private static PoolSpec.Builder<byte[]> spec() {
        return PoolSpec.builder(BufferTypes.BYTE_ARRAY).name("audio");
    }

    private static String message(Class<? extends RuntimeException> type, Executable call) {
        return assertThrows(type, call).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void noProviderAtAllSaysWhereItLookedAndWhichJarToAdd() {
        String message = message(IllegalStateException.class, () -> factory().create(spec().build()));
        assertContains(message, "no bufpool provider", "module path", "class path",
                "dev.bufpool:bufpool-sharded", "module dev.bufpool.sharded");
    }

    @Test
    void noProviderAtAllIsReportedEvenWhenTheSpecNamesOne() {
        String message = message(IllegalStateException.class,
                () -> factory().create(spec().provider("sharded").build()));
        assertContains(message, "no bufpool provider found", "dev.bufpool:bufpool-sharded");
    }

    @Test
    void anUnknownNameInTheSpecListsTheProvidersFoundWithPriorityAndFeatures() {
        String message = message(IllegalStateException.class,
                () -> factory(sharded).create(spec().provider("bounded").build()));
        assertContains(message, "'bounded'", "audio",
                "sharded (priority 100, features [THREAD_CACHE, SHARDED, SHARING])",
                "put dev.bufpool:bufpool-bounded (module dev.bufpool.bounded) on the module path or class path");
        verify(sharded, never()).create(any());
    }

    @Test
    void anUnknownNameOfNoKnownModuleListsTheKnownJars() {
        String message = message(IllegalStateException.class,
                () -> factory(sharded, bounded).create(spec().provider("nosuch").build()));
        assertContains(message, "'nosuch'", "sharded (priority 100", "bounded (priority 10",
                "dev.bufpool:bufpool-sharded", "dev.bufpool:bufpool-sizeclass", "dev.bufpool:bufpool-bounded");
    }

    @Test
    void anUnknownNameInThePropertyNamesTheProperty() {
        String message = message(IllegalStateException.class,
                () -> factory(List.of(sharded), List.of(), List.of(), "sizeclass").create(spec().build()));
        assertContains(message, "'sizeclass'", "system property dev.bufpool.provider",
                "sharded (priority 100", "dev.bufpool:bufpool-sizeclass");
    }

    @Test
    void anUnknownNameAskedOfProviderListsWhatWasFound() {
        String message = message(IllegalStateException.class, () -> factory(sharded).provider("bounded"));
        assertContains(message, "'bounded'", "sharded (priority 100", "dev.bufpool:bufpool-bounded");
    }

    @Test
    void anUnknownNameWithNothingFoundSaysNone() {
        // provider(name) does not go through choose(), so "none" shows in the list of found ones.
        String message = message(IllegalStateException.class, () -> factory().provider("sharded"));
        assertContains(message, "found: none", "dev.bufpool:bufpool-sharded");
    }

    @Test
    void noProviderWithTheFeaturesListsWhatEachLacksTheSettingsAndTheJar() {
        String message = message(IllegalStateException.class,
                () -> factory(sharded, bounded).create(spec().zeroOnRelease(true).build()));
        assertContains(message, "no bufpool provider has features [ZEROING]", "audio",
                "sharded lacks [ZEROING]", "bounded lacks [ZEROING]",
                "settings: zeroOnRelease needs ZEROING",
                "add dev.bufpool:bufpool-sizeclass (module dev.bufpool.sizeclass)");
    }

    @Test
    void noProviderWithTheFeaturesNamesEverySettingThatImpliedThem() {
        String message = message(IllegalStateException.class,
                () -> factory(sharded).create(spec().shards(2).maxBuffers(8).maxWait(java.time.Duration.ZERO).build()));
        assertContains(message, "[SHARDED, BOUNDED, BLOCKING]", "sharded lacks [BOUNDED, BLOCKING]",
                "shards needs SHARDED", "maxBuffers needs BOUNDED", "maxWait needs BLOCKING",
                "no provider of this project has all of them together");
    }

    @Test
    void noProviderWithExplicitlyRequiredFeaturesNamesNoSettings() {
        String message = message(IllegalStateException.class,
                () -> factory(sharded).create(spec().require(PoolFeature.BOUNDED).build()));
        assertContains(message, "[BOUNDED]", "sharded lacks [BOUNDED]", "dev.bufpool:bufpool-bounded");
        assertTrue(!message.contains("settings:"), message);
    }

    @Test
    void aNamedProviderThatCannotHonourASettingIsAnIllegalArgumentNamingBoth() {
        String message = message(IllegalArgumentException.class,
                () -> factory(sharded, bounded).create(spec().provider("sharded").zeroOnRelease(true).build()));
        assertContains(message, "'sharded'", "zeroOnRelease", "ZEROING", "audio", "the spec names it");
        verify(sharded, never()).create(any());
    }

    @Test
    void aProviderNamedByThePropertyThatCannotHonourASettingSaysThePropertyChoseIt() {
        String message = message(IllegalArgumentException.class,
                () -> factory(List.of(sharded, bounded), List.of(), List.of(), "bounded")
                        .create(spec().shards(4).build()));
        assertContains(message, "'bounded'", "shards", "SHARDED", "system property dev.bufpool.provider");
        verify(bounded, never()).create(any());
    }

    @Test
    void aNamedProviderWithoutARequiredFeatureIsAnIllegalArgumentNamingTheFeature() {
        String message = message(IllegalArgumentException.class,
                () -> factory(sharded).create(spec().provider("sharded").require(PoolFeature.BOUNDED).build()));
        assertContains(message, "'sharded'", "lacks feature BOUNDED required by pool audio", "audio");
    }

    @Test
    void aMissingDecoratorIsNamedWithTheFoundOnesAndTheStatsJar() {
        String message = message(IllegalStateException.class,
                () -> factory(List.of(sharded), List.of(decorator("trace")), List.of(), null)
                        .create(spec().decorate("stats").build()));
        assertContains(message, "'stats'", "audio", "found: trace",
                "put dev.bufpool:bufpool-stats (module dev.bufpool.stats) on the module path or class path");
    }

    @Test
    void aMissingUnknownDecoratorListsTheKnownDecorators() {
        String message = message(IllegalStateException.class,
                () -> factory(sharded).create(spec().decorate("audit").build()));
        assertContains(message, "'audit'", "found: none", "stats in dev.bufpool:bufpool-stats");
    }

    @Test
    void brokenServicesAreNotedWhenNoProviderIsFound() {
        assertBrokenNoted(() -> factory(List.of(), List.of(), List.of(BROKEN), null).create(spec().build()));
    }

    @Test
    void brokenServicesAreNotedForAnUnknownName() {
        assertBrokenNoted(() -> factory(List.of(sharded), List.of(), List.of(BROKEN), null)
                .create(spec().provider("bounded").build()));
    }

    @Test
    void brokenServicesAreNotedWhenNoProviderHasTheFeatures() {
        assertBrokenNoted(() -> factory(List.of(sharded), List.of(), List.of(BROKEN), null)
                .create(spec().require(PoolFeature.BOUNDED).build()));
    }

    @Test
    void brokenServicesAreNotedForAMissingDecorator() {
        assertBrokenNoted(() -> factory(List.of(sharded), List.of(), List.of(BROKEN), null)
                .create(spec().decorate("stats").build()));
    }

    @Test
    void everyBrokenServiceIsNoted() {
        String message = message(IllegalStateException.class,
                () -> factory(List.of(), List.of(), List.of("first broken", "second broken"), null)
                        .create(spec().build()));
        assertContains(message, "broken and skipped: first broken | second broken");
    }

    @Test
    void noBrokenNoteWhenNothingIsBroken() {
        String message = message(IllegalStateException.class, () -> factory().create(spec().build()));
        assertTrue(!message.contains("broken"), message);
    }

    private static void assertBrokenNoted(Executable call) {
        assertContains(message(IllegalStateException.class, call), "broken and skipped: " + BROKEN);
    }
}
