package dev.bulwark.spi.text;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InvisibleTest {
    @Test
    void formatCharactersSelectorsAndFillersAreInvisible() {
        int[] invisible = {0x200B, 0x200D, 0x202E, 0x2066, 0x00AD, 0xFEFF, 0xE0041, 0x034F, 0xFE00, 0xFE0F, 0xE0100,
                0xE01EF, 0x115F, 0x1160, 0x3164};
        for (int cp : invisible) {
            assertTrue(Invisible.is(cp), () -> String.format("U+%04X", cp));
        }
    }

    @Test
    void lettersDigitsSpacesAndNeighboursOfTheRangesAreNot() {
        int[] visible = {'a', 'Z', '0', ' ', '\t', '\n', 0x00E9, 0x0301, 0xFDFF, 0xFE10, 0xE00FF, 0xE01F0, 0x1161,
                0x3165, 0xFF21, 0x1F600};
        for (int cp : visible) {
            assertFalse(Invisible.is(cp), () -> String.format("U+%04X", cp));
        }
    }
}
