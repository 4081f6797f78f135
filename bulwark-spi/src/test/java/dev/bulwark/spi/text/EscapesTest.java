package dev.bulwark.spi.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EscapesTest {
    private static String read(String s) {
        long e = Escapes.backslash(s, 0, s.length());
        return e < 0 ? "none" : Integer.toHexString(Escapes.codePoint(e)) + "/" + Escapes.length(e);
    }

    @Test
    void readsBackslashUAndXAndSurrogatePairs() {
        assertEquals("40/6", read("\\u0040x"));
        assertEquals("49/4", read("\\x49"));
        assertEquals("ff/4", read("\\xff"));
        assertEquals("1f600/12", read("\\ud83d\\ude00"));
        assertEquals("ABC", Integer.toHexString(Escapes.hex("xABC", 1, 3, 4)).toUpperCase());
    }

    @Test
    void readsNothingMalformedZeroOrLone() {
        for (String s : new String[] {"\\u004", "\\u00G0", "\\u0000", "\\x0", "\\x00", "\\ud83d", "\\ud83dx\\ude00",
                "\\ude00", "\\n", "\\", "u0040", "\\u\uff10\uff10\uff14\uff10"}) {
            assertEquals("none", read(s), s);
        }
        assertEquals(-1, Escapes.hex("12", 0, 3, 2));
    }
}
