package dev.bulwark.spi.text;

import java.util.HexFormat;

/**
 * Backslash escapes of JSON, JavaScript and Python strings, as a model reads them: backslash-u with four hex digits (a
 * surrogate pair written as two escapes is one character) and backslash-x with two. The guards' matching form and the
 * injection screen's normalised reading both decode them by this one reading; each then keeps what it needs. Only
 * well-formed escapes are read, each in constant time.
 */
public final class Escapes {
    private Escapes() {}

    /**
     * The escape starting at {@code s[at]} (before {@code end}) as {@link #pack packed}: backslash-x of a code point
     * above 0, backslash-u of one that is not a lone surrogate, or a high and low surrogate written as two escapes;
     * -1 when no such escape starts there.
     */
    public static long backslash(String s, int at, int end) {
        if (at + 1 >= end || s.charAt(at) != '\\') {
            return -1;
        }
        char kind = s.charAt(at + 1);
        if (kind == 'x') {
            int cp = hex(s, at + 2, 2, end);
            return cp > 0 ? pack(cp, 4) : -1;
        }
        if (kind != 'u') {
            return -1;
        }
        int cp = hex(s, at + 2, 4, end);
        if (cp <= 0) {
            return -1;
        }
        if (Character.isHighSurrogate((char) cp) && at + 12 <= end && s.charAt(at + 6) == '\\'
                && s.charAt(at + 7) == 'u') {
            int low = hex(s, at + 8, 4, end);
            if (low > 0 && Character.isLowSurrogate((char) low)) {
                return pack(Character.toCodePoint((char) cp, (char) low), 12);
            }
        }
        return Character.isSurrogate((char) cp) ? -1 : pack(cp, 6);
    }

    /** The value of {@code digits} hex digits at {@code from} (before {@code end}), or -1. */
    public static int hex(String s, int from, int digits, int end) {
        if (from + digits > end) {
            return -1;
        }
        for (int k = from; k < from + digits; k++) {
            if (!HexFormat.isHexDigit(s.charAt(k))) { // ASCII only, never full-width or other scripts' digits
                return -1;
            }
        }
        return HexFormat.fromHexDigits(s, from, from + digits);
    }

    /** A decoded escape: its code point in the high 32 bits, its length in characters in the low 32 bits. */
    public static long pack(int codePoint, int length) {
        return ((long) codePoint << 32) | length;
    }

    /** The code point of a {@link #pack packed} escape. */
    public static int codePoint(long packed) {
        return (int) (packed >>> 32);
    }

    /** The length of a {@link #pack packed} escape. */
    public static int length(long packed) {
        return (int) packed;
    }
}
