package dev.bulwark.guards.text;

import dev.bulwark.spi.text.Escapes;
import java.util.Map;

/**
 * Escapes that stand for one character wherever text is shown to a model: HTML character references ({@code &#64;},
 * {@code &#x40;}, a few named ones), JSON and JavaScript backslash-u escapes of four hex digits (a surrogate pair written as two escapes is one
 * character) and {@code \xHH}, and URL percent-escapes of visible ASCII ({@code %40}; {@code %20} and control
 * characters are left as they are, so a URL is not cut at an encoded space). Only well-formed escapes are decoded;
 * each is read in constant time.
 */
final class CharacterEscapes {
    /** Named references a text may use to spell an address, a number or a key. */
    private static final Map<String, Integer> NAMED = Map.ofEntries(Map.entry("amp", (int) '&'),
            Map.entry("lt", (int) '<'), Map.entry("gt", (int) '>'), Map.entry("quot", (int) '"'),
            Map.entry("apos", (int) '\''), Map.entry("nbsp", 0xA0), Map.entry("commat", (int) '@'),
            Map.entry("period", (int) '.'), Map.entry("hyphen", (int) '-'), Map.entry("dash", 0x2010),
            Map.entry("lowbar", (int) '_'), Map.entry("colon", (int) ':'), Map.entry("sol", (int) '/'),
            Map.entry("plus", (int) '+'), Map.entry("num", (int) '#'), Map.entry("equals", (int) '='));
    private static final int LONGEST_NAME = 6;

    private CharacterEscapes() {}

    /**
     * The escape starting at {@code s[i]} (before {@code end}): its code point in the high 32 bits and its length in
     * the low 32 bits, or -1 when no well-formed escape starts there.
     */
    static long decode(String s, int i, int end) {
        char c = s.charAt(i);
        if (c == '&') {
            return reference(s, i, end);
        }
        if (c == '\\') {
            return backslash(s, i, end);
        }
        if (c == '%') {
            int cp = Escapes.hex(s, i + 1, 2, end);
            return visibleAscii(cp) ? Escapes.pack(cp, 3) : -1;
        }
        return -1;
    }

    private static long reference(String s, int i, int end) {
        int j = i + 1;
        if (j < end && s.charAt(j) == '#') {
            j++;
            int radix = 10;
            if (j < end && (s.charAt(j) == 'x' || s.charAt(j) == 'X')) {
                radix = 16;
                j++;
            }
            int from = j;
            int cp = 0;
            while (j < end && j - from < 8 && Character.digit(s.charAt(j), radix) >= 0 && s.charAt(j) < 0x80) {
                cp = cp * radix + Character.digit(s.charAt(j), radix);
                j++;
            }
            if (j == from || j >= end || s.charAt(j) != ';' || !Character.isValidCodePoint(cp) || cp == 0
                    || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return -1;
            }
            return Escapes.pack(cp, j + 1 - i);
        }
        int from = j;
        while (j < end && j - from <= LONGEST_NAME && s.charAt(j) >= 'a' && s.charAt(j) <= 'z') {
            j++;
        }
        if (j == from || j >= end || s.charAt(j) != ';') {
            return -1;
        }
        Integer cp = NAMED.get(s.substring(from, j));
        return cp == null ? -1 : Escapes.pack(cp, j + 1 - i);
    }

    /** Backslash escapes as {@link Escapes} reads them, backslash-x only of visible ASCII. */
    private static long backslash(String s, int i, int end) {
        long escape = Escapes.backslash(s, i, end);
        return escape >= 0 && Escapes.length(escape) == 4 && !visibleAscii(Escapes.codePoint(escape)) ? -1 : escape;
    }

    private static boolean visibleAscii(int cp) {
        return cp > 0x20 && cp < 0x7F;
    }
}
