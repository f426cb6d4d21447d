package dev.bufpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PoolStatsTest {

    private static Arguments figure(String name, UnaryOperator<PoolStats.Builder> set) {
        return Arguments.of(name, set);
    }

    static Stream<Arguments> figures() {
        return Stream.of(
                figure("acquisitions", b -> b.acquisitions(-2)),
                figure("releases", b -> b.releases(-2)),
                figure("allocations", b -> b.allocations(-2)),
                figure("reuses", b -> b.reuses(-2)),
                figure("drops", b -> b.drops(-2)),
                figure("trims", b -> b.trims(-2)),
                figure("outstanding", b -> b.outstanding(-2)),
                figure("peakOutstanding", b -> b.peakOutstanding(-2)),
                figure("outstandingBytes", b -> b.outstandingBytes(-2)),
                figure("idleBuffers", b -> b.idleBuffers(-2)),
                figure("idleBytes", b -> b.idleBytes(-2)),
                figure("waits", b -> b.waits(-2)),
                figure("timeouts", b -> b.timeouts(-2)),
                figure("leaks", b -> b.leaks(-2)));
    }

    @Test
    void aNewBuilderTracksNothing() {
        PoolStats untracked = new PoolStats(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
        assertEquals(untracked, PoolStats.builder().build());
        assertEquals(-1, PoolStats.UNTRACKED);
    }

    @Test
    void theBuilderSetsEachFigure() {
        PoolStats stats = PoolStats.builder().acquisitions(1).releases(2).allocations(3).reuses(4).drops(5)
                .trims(6).outstanding(7).peakOutstanding(8).outstandingBytes(9).idleBuffers(10).idleBytes(11)
                .waits(12).timeouts(13).leaks(14).build();
        assertEquals(new PoolStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14), stats);
    }

    @Test
    void idleOnlyTracksTheIdleFiguresAlone() {
        PoolStats stats = PoolStats.idleOnly(3, 12_288);
        assertEquals(3, stats.idleBuffers());
        assertEquals(12_288, stats.idleBytes());
        assertEquals(PoolStats.builder().idleBuffers(3).idleBytes(12_288).build(), stats);
        assertEquals(PoolStats.UNTRACKED, stats.acquisitions());
        assertEquals(PoolStats.UNTRACKED, stats.leaks());
    }

    @Test
    void zeroAndUntrackedAreAccepted() {
        assertEquals(0, PoolStats.idleOnly(0, 0).idleBytes());
        assertEquals(PoolStats.UNTRACKED, PoolStats.idleOnly(-1, -1).idleBuffers());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("figures")
    void aFigureBelowMinusOneIsRefusedWithTheValueAndWhatIsAllowed(String name, UnaryOperator<PoolStats.Builder> set) {
        String message = assertThrows(IllegalArgumentException.class, () -> set.apply(PoolStats.builder()).build())
                .getMessage();
        assertTrue(message.contains("=-2"), message);
        assertTrue(message.contains(">= 0, or -1"), message);
    }

    @Test
    void theRecordConstructorRefusesFiguresBelowMinusOne() {
        assertThrows(IllegalArgumentException.class,
                () -> new PoolStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Long.MIN_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("figures")
    void aFigureBelowMinusOneIsRefusedNamingTheFigure(String name, UnaryOperator<PoolStats.Builder> set) {
        String message = assertThrows(IllegalArgumentException.class, () -> set.apply(PoolStats.builder()).build())
                .getMessage();
        assertTrue(message.contains(name + "=-2"), message);
    }

    @Test
    void toStringShowsOnlyTheTrackedFigures() {
        assertEquals("PoolStats[idleBuffers=3, idleBytes=12288]", PoolStats.idleOnly(3, 12_288).toString());
        assertEquals("PoolStats[allocations=0, drops=2, idleBuffers=0, idleBytes=0]",
                PoolStats.builder().allocations(0).drops(2).idleBuffers(0).idleBytes(0).build().toString());
    }

    @Test
    void toStringOfASnapshotTrackingNothingSaysSo() {
        assertEquals("PoolStats[none tracked]", PoolStats.builder().build().toString());
    }

    @Test
    void toStringOfAFullyTrackedSnapshotNamesEveryFigureInOrder() {
        String all = new PoolStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14).toString();
        assertEquals("PoolStats[acquisitions=1, releases=2, allocations=3, reuses=4, drops=5, trims=6, outstanding=7,"
                + " peakOutstanding=8, outstandingBytes=9, idleBuffers=10, idleBytes=11, waits=12, timeouts=13,"
                + " leaks=14]", all);
        assertFalse(all.contains("-1"), all);
    }
}
