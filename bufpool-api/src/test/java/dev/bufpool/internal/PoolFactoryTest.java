package dev.bufpool.internal;

import static dev.bufpool.internal.Fakes.decorator;
import static dev.bufpool.internal.Fakes.factory;
import static dev.bufpool.internal.Fakes.pool;
import static dev.bufpool.internal.Fakes.provider;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.spi.BufferPoolProvider;
import dev.bufpool.spi.PoolDecorator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class PoolFactoryTest {

    private final BufferPoolProvider sharded = provider("sharded", 100,
            PoolFeature.THREAD_CACHE, PoolFeature.SHARDED, PoolFeature.SHARING);
    private final BufferPoolProvider sizeclass = provider("sizeclass", 50,
            PoolFeature.THREAD_CACHE, PoolFeature.SIZE_CLASSES, PoolFeature.ZEROING, PoolFeature.SHARING);
    private final BufferPoolProvider bounded = provider("bounded", 10,
            PoolFeature.BOUNDED, PoolFeature.BLOCKING, PoolFeature.SHARING);
    private final List<BufferPoolProvider> all = List.of(bounded, sizeclass, sharded);

    private static PoolSpec.Builder<byte[]> spec() {
        return PoolSpec.builder(BufferTypes.BYTE_ARRAY).name("test");
    }

    @Test
    void providersAreListedBestFirst() {
        assertEquals(List.of(sharded, sizeclass, bounded), factory(bounded, sizeclass, sharded).providers());
    }

    @Test
    void theProviderTheSpecNamesIsChosenOverAHigherPriority() {
        assertSame(bounded, factory(all, List.of(), List.of(), null).choose(spec().provider("bounded").build()));
    }

    @Test
    void theProviderThePropertyNamesIsChosenWhenTheSpecNamesNone() {
        assertSame(sizeclass, factory(all, List.of(), List.of(), "sizeclass").choose(spec().build()));
    }

    @Test
    void thePropertyIsReadWithSurroundingBlanksStripped() {
        assertSame(bounded, factory(all, List.of(), List.of(), "  bounded ").choose(spec().build()));
    }

    @Test
    void thePropertyIsReadAtEachChoiceNotOnceAtConstruction() {
        AtomicInteger reads = new AtomicInteger();
        PoolFactory factory = new PoolFactory(all, List.of(), List.of(), Fakes.PROPERTY,
                () -> reads.incrementAndGet() == 1 ? "bounded" : "sizeclass");
        assertSame(bounded, factory.choose(spec().build()));
        assertSame(sizeclass, factory.choose(spec().build()));
    }

    @Test
    void theSpecsProviderNameBeatsTheProperty() {
        PoolFactory factory = factory(all, List.of(), List.of(), "bounded");
        assertSame(sizeclass, factory.choose(spec().provider("sizeclass").build()));
    }

    @Test
    void aBlankPropertyIsIgnored() {
        assertSame(sharded, factory(all, List.of(), List.of(), " ").choose(spec().build()));
    }

    @Test
    void withoutANameTheHighestPriorityIsChosen() {
        assertSame(sharded, factory(bounded, sizeclass, sharded).choose(spec().build()));
    }

    @Test
    void withoutANameTheHighestPriorityWhoseFeaturesCoverTheSpecIsChosen() {
        PoolFactory factory = factory(bounded, sizeclass, sharded);
        assertSame(sizeclass, factory.choose(spec().require(PoolFeature.SIZE_CLASSES).build()));
        assertSame(bounded, factory.choose(spec().require(PoolFeature.BLOCKING, PoolFeature.SHARING).build()));
    }

    @Test
    void equalPrioritiesAreDecidedByNameWhateverTheDiscoveryOrder() {
        BufferPoolProvider alpha = provider("alpha", 7, PoolFeature.SHARING);
        BufferPoolProvider beta = provider("beta", 7, PoolFeature.SHARING);
        assertSame(alpha, factory(beta, alpha).choose(spec().build()));
        assertSame(alpha, factory(alpha, beta).choose(spec().build()));
    }

    @Test
    void aSettingImpliesItsFeatureAndSteersTheChoice() {
        PoolFactory factory = factory(bounded, sizeclass, sharded);
        assertSame(sizeclass, factory.choose(spec().zeroOnRelease(true).build()));
        assertSame(sharded, factory.choose(spec().zeroOnRelease(false).build()));
        assertSame(bounded, factory.choose(spec().maxBuffers(4).build()));
        assertSame(sharded, factory.choose(spec().shards(4).build()));
    }

    @Test
    void aSettingFeatureCombinesWithRequiredFeatures() {
        BufferPoolProvider zeroingBounded = provider("zb", 1,
                PoolFeature.BOUNDED, PoolFeature.ZEROING, PoolFeature.BLOCKING);
        PoolFactory factory = factory(bounded, sizeclass, sharded, zeroingBounded);
        assertSame(zeroingBounded, factory.choose(spec().zeroOnRelease(true).require(PoolFeature.BOUNDED).build()));
    }

    @Test
    void providerByNameFindsIt() {
        assertSame(sizeclass, factory(bounded, sizeclass, sharded).provider("sizeclass"));
    }

    @Test
    void createGivesTheSpecToTheChosenProviderAndReturnsItsPool() {
        PoolSpec<byte[]> spec = spec().provider("bounded").build();
        BufferPool<byte[]> made = pool("made");
        when(bounded.create(spec)).thenReturn(made);

        assertSame(made, factory(bounded, sizeclass, sharded).create(spec));
        verify(bounded).create(spec);
        verify(sharded, never()).create(any());
        verify(sizeclass, never()).create(any());
    }

    @Test
    void decoratorsAreAppliedInOrderInnermostFirstEachWithThePoolAndSpec() {
        PoolSpec<byte[]> spec = spec().decorate("inner", "outer").build();
        BufferPool<byte[]> base = pool("base");
        BufferPool<byte[]> once = pool("once");
        BufferPool<byte[]> twice = pool("twice");
        PoolDecorator outer = decorator("outer");
        PoolDecorator inner = decorator("inner");
        when(sharded.create(spec)).thenReturn(base);
        when(inner.decorate(base, spec)).thenReturn(once);
        when(outer.decorate(once, spec)).thenReturn(twice);
        PoolFactory factory = factory(List.of(sharded), List.of(outer, inner), List.of(), null);

        assertSame(twice, factory.create(spec));
        InOrder order = inOrder(sharded, inner, outer);
        order.verify(sharded).create(spec);
        order.verify(inner).decorate(base, spec);
        order.verify(outer).decorate(once, spec);
    }

    @Test
    void aDecoratorNamedTwiceIsAppliedTwice() {
        PoolSpec<byte[]> spec = spec().decorate("stats", "stats").build();
        BufferPool<byte[]> base = pool("base");
        BufferPool<byte[]> once = pool("once");
        BufferPool<byte[]> twice = pool("twice");
        PoolDecorator stats = decorator("stats");
        when(sharded.create(spec)).thenReturn(base);
        when(stats.decorate(base, spec)).thenReturn(once);
        when(stats.decorate(once, spec)).thenReturn(twice);

        assertSame(twice, factory(List.of(sharded), List.of(stats), List.of(), null).create(spec));
    }

    @Test
    void noPoolIsMadeWhenANamedDecoratorIsMissing() {
        PoolSpec<byte[]> spec = spec().decorate("stats").build();
        assertThrows(IllegalStateException.class, () -> factory(sharded).create(spec));
        verify(sharded, never()).create(any());
    }

    @Test
    void noPoolIsMadeWhenALaterDecoratorIsMissing() {
        PoolSpec<byte[]> spec = spec().decorate("trace", "stats").build();
        PoolDecorator trace = decorator("trace");
        PoolFactory factory = factory(List.of(sharded), List.of(trace), List.of(), null);
        assertThrows(IllegalStateException.class, () -> factory.create(spec));
        verify(sharded, never()).create(any());
        verify(trace, never()).decorate(any(), any());
    }

    @Test
    void decoratorsAreListedInDiscoveryOrder() {
        PoolDecorator b = decorator("b");
        PoolDecorator a = decorator("a");
        assertEquals(List.of(b, a), factory(List.of(sharded), List.of(b, a), List.of(), null).decorators());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aSettingANamedDecoratorHonoursIsAcceptedAndLeftOutOfTheProvidersSpec() {
        PoolDecorator stats = decorator("stats");
        when(stats.features()).thenReturn(java.util.Set.of(PoolFeature.LEAK_DETECTION));
        PoolSpec<byte[]> spec = spec().provider("sharded").leakDetection(dev.bufpool.LeakDetection.PARANOID)
                .decorate("stats").build();
        factory(all, List.of(stats), List.of(), null).create(spec);
        org.mockito.ArgumentCaptor<PoolSpec> given = org.mockito.ArgumentCaptor.forClass(PoolSpec.class);
        verify(sharded).create(given.capture());
        assertEquals(dev.bufpool.LeakDetection.OFF, given.getValue().leakDetection(), "the provider cannot honour it");
        verify(stats).decorate(any(), org.mockito.ArgumentMatchers.same(spec));
    }

    @Test
    void withoutADecoratorHonouringItTheSettingIsStillRefusedByName() {
        PoolSpec<byte[]> spec = spec().provider("sharded").leakDetection(dev.bufpool.LeakDetection.SAMPLE).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> factory(all, List.of(), List.of(), null).create(spec));
        assertEquals(true, e.getMessage().contains("leakDetection"), e.getMessage());
    }

    @Test
    void aSpecChoosingByFeaturesIgnoresTheFeaturesItsDecoratorsAdd() {
        PoolDecorator stats = decorator("stats");
        when(stats.features()).thenReturn(java.util.Set.of(PoolFeature.LEAK_DETECTION));
        PoolSpec<byte[]> spec = spec().leakDetection(dev.bufpool.LeakDetection.SAMPLE).decorate("stats").build();
        factory(all, List.of(stats), List.of(), null).create(spec);
        verify(sharded).create(any());
    }
}
