package dev.bufpool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.InvalidMarkException;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BufferTypesTest {

    static Stream<Arguments> types() {
        return Stream.of(
                Arguments.of(BufferTypes.BYTE_ARRAY, "byte[]", 1),
                Arguments.of(BufferTypes.HEAP_BYTE_BUFFER, "heap ByteBuffer", 1),
                Arguments.of(BufferTypes.DIRECT_BYTE_BUFFER, "direct ByteBuffer", 1),
                Arguments.of(BufferTypes.FLOAT_ARRAY, "float[]", Float.BYTES));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("types")
    <T> void allocatesTheCapacityAskedAndMeasuresIt(BufferType<T> type, String name, int bytesPerElement) {
        for (int capacity : new int[] {0, 1, 4096, 100_003}) {
            T buffer = type.allocate(capacity);
            assertEquals(capacity, type.capacity(buffer));
            assertEquals((long) capacity * bytesPerElement, type.sizeInBytes(buffer));
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("types")
    <T> void isNamedForMessages(BufferType<T> type, String name, int bytesPerElement) {
        assertEquals(name, type.name());
        assertEquals(name, type.toString());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("types")
    <T> void allocatesANewBufferEachTime(BufferType<T> type, String name, int bytesPerElement) {
        assertNotSame(type.allocate(8), type.allocate(8));
    }

    @Test
    void byteBuffersAreHeapOrDirectAsNamed() {
        assertFalse(BufferTypes.HEAP_BYTE_BUFFER.allocate(8).isDirect());
        assertTrue(BufferTypes.DIRECT_BYTE_BUFFER.allocate(8).isDirect());
    }

    @Test
    void floatArraysCountFourBytesAnElementWithoutOverflow() {
        float[] big = new float[0];
        assertEquals(0, BufferTypes.FLOAT_ARRAY.sizeInBytes(big));
        assertEquals(4L * 1_000_000, BufferTypes.FLOAT_ARRAY.sizeInBytes(new float[1_000_000]));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void prepareGivesAByteBufferPositionZeroAndTheRequestedLimit(boolean direct) {
        BufferType<ByteBuffer> type = direct ? BufferTypes.DIRECT_BYTE_BUFFER : BufferTypes.HEAP_BYTE_BUFFER;
        ByteBuffer buffer = type.allocate(64);
        buffer.position(10).limit(20);

        ByteBuffer prepared = type.prepare(buffer, 48);
        assertSame(buffer, prepared);
        assertEquals(0, prepared.position());
        assertEquals(48, prepared.limit());
        assertEquals(48, type.prepare(buffer, 48).remaining());
        assertEquals(64, type.prepare(buffer, 64).limit());
        assertEquals(0, type.prepare(buffer, 0).limit());
    }

    @Test
    void prepareHandsArraysOutAsTheyAre() {
        byte[] bytes = {1, 2, 3};
        float[] floats = {1f, 2f};
        assertSame(bytes, BufferTypes.BYTE_ARRAY.prepare(bytes, 2));
        assertArrayEquals(new byte[] {1, 2, 3}, bytes);
        assertSame(floats, BufferTypes.FLOAT_ARRAY.prepare(floats, 1));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void resetRestoresClearStateAndBigEndianOrderButKeepsTheContents(boolean direct) {
        BufferType<ByteBuffer> type = direct ? BufferTypes.DIRECT_BYTE_BUFFER : BufferTypes.HEAP_BYTE_BUFFER;
        ByteBuffer buffer = type.allocate(32);
        buffer.order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x01020304).position(6).mark().position(9).limit(12);

        type.reset(buffer);
        assertEquals(0, buffer.position());
        assertEquals(32, buffer.limit());
        assertEquals(ByteOrder.BIG_ENDIAN, buffer.order());
        assertThrows(InvalidMarkException.class, buffer::reset);
        assertEquals(0x04030201, buffer.getInt(0));
    }

    @Test
    void resetLeavesArraysAlone() {
        byte[] bytes = {7, 8};
        float[] floats = {0.5f};
        BufferTypes.BYTE_ARRAY.reset(bytes);
        BufferTypes.FLOAT_ARRAY.reset(floats);
        assertArrayEquals(new byte[] {7, 8}, bytes);
        assertArrayEquals(new float[] {0.5f}, floats);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 8191, 8192, 8193, 20_000, 65_536})
    void zeroWipesEveryByteOfADirectBufferLargeOrSmall(int capacity) {
        ByteBuffer buffer = filled(BufferTypes.DIRECT_BYTE_BUFFER.allocate(capacity));

        BufferTypes.DIRECT_BYTE_BUFFER.zero(buffer);
        assertAllZero(buffer);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 8193, 20_000})
    void zeroWipesEveryByteOfAHeapBufferWhateverItsPositionAndLimit(int capacity) {
        ByteBuffer buffer = filled(BufferTypes.HEAP_BYTE_BUFFER.allocate(capacity));
        buffer.position(capacity / 2);

        BufferTypes.HEAP_BYTE_BUFFER.zero(buffer);
        assertAllZero(buffer);
        assertEquals(capacity / 2, buffer.position());
    }

    @Test
    void zeroOfAHeapSliceWipesTheSliceAndNothingAroundIt() {
        byte[] backing = new byte[32];
        Arrays.fill(backing, (byte) 9);
        ByteBuffer slice = ByteBuffer.wrap(backing, 8, 16).slice();

        BufferTypes.HEAP_BYTE_BUFFER.zero(slice);
        for (int i = 0; i < backing.length; i++) {
            assertEquals(i >= 8 && i < 24 ? 0 : 9, backing[i], "byte " + i);
        }
    }

    @Test
    void zeroWipesArrays() {
        byte[] bytes = new byte[10_000];
        Arrays.fill(bytes, (byte) -1);
        float[] floats = new float[10_000];
        Arrays.fill(floats, Float.NaN);

        BufferTypes.BYTE_ARRAY.zero(bytes);
        BufferTypes.FLOAT_ARRAY.zero(floats);
        assertArrayEquals(new byte[10_000], bytes);
        assertArrayEquals(new float[10_000], floats);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readOnlyViewOfAByteBufferIsReadOnlyIndependentAndKeepsPositionAndLimit(boolean direct) {
        BufferType<ByteBuffer> type = direct ? BufferTypes.DIRECT_BYTE_BUFFER : BufferTypes.HEAP_BYTE_BUFFER;
        ByteBuffer buffer = type.allocate(16);
        buffer.put(3, (byte) 42).position(2).limit(10);

        ByteBuffer view = type.readOnlyView(buffer);
        assertNotSame(buffer, view);
        assertTrue(view.isReadOnly());
        assertEquals(2, view.position());
        assertEquals(10, view.limit());
        assertEquals(16, view.capacity());
        assertEquals(42, view.get(3));
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 1));

        view.position(5).limit(7);
        assertEquals(2, buffer.position());
        assertEquals(10, buffer.limit());
        buffer.put(4, (byte) 7);
        assertEquals(7, view.get(4));
    }

    @Test
    void aReadOnlyViewOfAViewIsAnotherIndependentView() {
        ByteBuffer buffer = BufferTypes.HEAP_BYTE_BUFFER.allocate(8);
        ByteBuffer view = BufferTypes.HEAP_BYTE_BUFFER.readOnlyView(buffer);
        ByteBuffer again = BufferTypes.HEAP_BYTE_BUFFER.readOnlyView(view);
        assertNotSame(view, again);
        assertTrue(again.isReadOnly());
        again.position(4);
        assertEquals(0, view.position());
    }

    @Test
    void readOnlyViewOfAnArrayIsTheArrayItself() {
        byte[] bytes = new byte[4];
        float[] floats = new float[4];
        assertSame(bytes, BufferTypes.BYTE_ARRAY.readOnlyView(bytes));
        assertSame(floats, BufferTypes.FLOAT_ARRAY.readOnlyView(floats));
    }

    private static ByteBuffer filled(ByteBuffer buffer) {
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, (byte) (i % 251 + 1));
        }
        return buffer;
    }

    /** Reads every byte up to the capacity, through a duplicate so the buffer's limit is no bound. */
    private static void assertAllZero(ByteBuffer buffer) {
        ByteBuffer all = buffer.duplicate().clear();
        for (int i = 0; i < all.capacity(); i++) {
            if (all.get(i) != 0) {
                assertEquals(0, all.get(i), "byte " + i + " of " + all.capacity());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 8191, 8192, 8193, 20_000, 65_536})
    void zeroWipesEveryByteOfADirectBufferWhateverItsPositionAndLimit(int capacity) {
        ByteBuffer buffer = filled(BufferTypes.DIRECT_BYTE_BUFFER.allocate(capacity));
        buffer.position(capacity / 2).limit(Math.max(capacity / 2, capacity - 1));
        int position = buffer.position();
        int limit = buffer.limit();

        BufferTypes.DIRECT_BYTE_BUFFER.zero(buffer);
        assertAllZero(buffer);
        assertEquals(position, buffer.position());
        assertEquals(limit, buffer.limit());
    }
}
