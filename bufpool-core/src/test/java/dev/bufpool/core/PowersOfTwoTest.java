package dev.bufpool.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PowersOfTwoTest {

    @Test
    void roundsUpToThePowerOfTwoAtOrAbove() {
        assertEquals(1, PowersOfTwo.atLeast(-5));
        assertEquals(1, PowersOfTwo.atLeast(0));
        assertEquals(1, PowersOfTwo.atLeast(1));
        assertEquals(2, PowersOfTwo.atLeast(2));
        assertEquals(4, PowersOfTwo.atLeast(3));
        assertEquals(64, PowersOfTwo.atLeast(64));
        assertEquals(128, PowersOfTwo.atLeast(65));
        assertEquals(1 << 30, PowersOfTwo.atLeast((1 << 29) + 1));
        assertEquals(1 << 30, PowersOfTwo.atLeast(1 << 30));
    }
}
