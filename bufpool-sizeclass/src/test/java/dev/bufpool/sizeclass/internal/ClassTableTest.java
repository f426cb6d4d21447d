package dev.bufpool.sizeclass.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class ClassTableTest {

    /** Every power of two from 1 to 2^30: a class for each bit. */
    private static final ClassTable EVERY_POWER = new ClassTable(everyPower());

    private static int[] everyPower() {
        int[] sizes = new int[31];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = 1 << i;
        }
        return sizes;
    }

    @Test
    void everyPowerOfTwoIsItsOwnClassAndOneMoreIsTheNext() {
        assertEquals(0, EVERY_POWER.indexFor(0));
        for (int log = 0; log <= 30; log++) {
            int size = 1 << log;
            assertEquals(log, EVERY_POWER.indexFor(size), "request " + size);
            assertEquals(log, EVERY_POWER.indexOf(size), "capacity " + size);
            if (log < 30) {
                assertEquals(log + 1, EVERY_POWER.indexFor(size + 1), "request " + (size + 1));
            }
        }
        assertEquals(ClassTable.NONE, EVERY_POWER.indexFor((1 << 30) + 1));
        assertEquals(ClassTable.NONE, EVERY_POWER.indexFor(Integer.MAX_VALUE - 8));
    }

    @Test
    void aCapacityThatIsNoClassSizeHasNoClass() {
        ClassTable table = new ClassTable(new int[] {4096, 65536});
        assertEquals(ClassTable.NONE, table.indexOf(0));
        assertEquals(ClassTable.NONE, table.indexOf(-4096));
        assertEquals(ClassTable.NONE, table.indexOf(2048));
        assertEquals(ClassTable.NONE, table.indexOf(4097));
        assertEquals(ClassTable.NONE, table.indexOf(8192));
        assertEquals(ClassTable.NONE, table.indexOf(131072));
        assertEquals(1, table.indexOf(65536));
    }

    @Test
    void requestsBetweenSparseClassesGoUpToTheNextClass() {
        ClassTable table = new ClassTable(new int[] {8, 1 << 20});
        assertEquals(0, table.indexFor(1));
        assertEquals(0, table.indexFor(8));
        assertEquals(1, table.indexFor(9));
        assertEquals(1, table.indexFor(1 << 19));
        assertEquals(1, table.indexFor(1 << 20));
        assertEquals(ClassTable.NONE, table.indexFor((1 << 20) + 1));
        assertEquals(1 << 20, table.largest());
    }

    @Test
    void theBitArithmeticOfTheHotPathsAgreesWithTheTable() {
        for (int[] sizes : new int[][] {{4096, 65536, 262144, 1 << 20}, {8, 1 << 20}, {1}, {1 << 30}, everyPower()}) {
            ClassTable table = new ClassTable(sizes);
            int largest = table.largest();
            for (int log = 0; log <= 30; log++) {
                for (int n : new int[] {(1 << log) - 1, 1 << log, (1 << log) + 1}) {
                    if (n <= largest) {
                        assertEquals(table.size(table.indexFor(n)), ClassTable.sizeFor(table.bits(), n), "request " + n);
                    }
                    assertEquals(table.indexOf(n) != ClassTable.NONE, ClassTable.isClass(table.bits(), n), "capacity " + n);
                }
            }
            assertEquals(sizes[0], ClassTable.sizeFor(table.bits(), 0));
            assertFalse(ClassTable.isClass(table.bits(), Integer.MIN_VALUE));
            assertFalse(ClassTable.isClass(table.bits(), -1));
        }
    }

    @Test
    void withoutClassesOnlyARequestOfZeroReachesTheHotPathAndFindsNoClass() {
        ClassTable none = new ClassTable(new int[0]);
        assertEquals(0, none.largest());
        assertEquals(0, ClassTable.sizeFor(none.bits(), 0));
        assertFalse(ClassTable.isClass(none.bits(), 0));
        assertFalse(ClassTable.isClass(none.bits(), 4096));
    }
}
