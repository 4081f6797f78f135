package dev.bulwark.injection;

import java.util.HexFormat;

/**
 * Backslash escapes of JSON, JavaScript and Python strings, decoded during normalization: tool output is often a
 * JSON document, and a model reads {@code "\u0049gnore all previous\ninstructions"} as "Ignore all previous", a line
 * break, "instructions". Handled: backslash-u with four hex digits (a surrogate pair written as two escapes is one
 * character), backslash-x with two, and the whitespace escapes {@code \n \r \t \f}. Each is read in constant time.
 */
final class BackslashEscapes {
    private BackslashEscapes() {}

    /** The end (exclusive) of an escape starting at {@code at}, or {@code at} when there is none. */
    static int end(String s, int at, int to) {
        if (at + 1 >= to) {
            return at;
        }
        char kind = s.charAt(at + 1);
        if (kind == 'n' || kind == 'r' || kind == 't' || kind == 'f') {
            return at + 2;
        }
        if (kind == 'x') {
            return hex(s, at + 2, 2, to) > 0 ? at + 4 : at;
        }
        if (kind != 'u') {
            return at;
        }
        int cp = hex(s, at + 2, 4, to);
        if (cp <= 0) {
            return at;
        }
        if (Character.isHighSurrogate((char) cp) && at + 12 <= to && s.charAt(at + 6) == '\\'
                && s.charAt(at + 7) == 'u' && Character.isLowSurrogate((char) Math.max(0, hex(s, at + 8, 4, to)))) {
            return at + 12;
        }
        return Character.isSurrogate((char) cp) ? at : at + 6;
    }

    /** The code point of the escape {@code s[at, end)} found by {@link #end}. */
    static int value(String s, int at, int end) {
        char kind = s.charAt(at + 1);
        switch (kind) {
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'f':
                return '\f';
            case 'x':
                return hex(s, at + 2, 2, end);
            default:
                int cp = hex(s, at + 2, 4, end);
                return end - at == 12 ? Character.toCodePoint((char) cp, (char) hex(s, at + 8, 4, end)) : cp;
        }
    }

    /** The value of {@code digits} ASCII hex digits at {@code from}, or -1. */
    private static int hex(String s, int from, int digits, int to) {
        if (from + digits > to) {
            return -1;
        }
        for (int k = from; k < from + digits; k++) {
            if (!HexFormat.isHexDigit(s.charAt(k))) { // ASCII only, never full-width or other scripts' digits
                return -1;
            }
        }
        return HexFormat.fromHexDigits(s, from, from + digits);
    }
}
