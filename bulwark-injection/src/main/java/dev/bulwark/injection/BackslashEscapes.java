package dev.bulwark.injection;

import dev.bulwark.spi.text.Escapes;

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
        if (whitespace(s, at, to)) {
            return at + 2;
        }
        long escape = Escapes.backslash(s, at, to);
        return escape < 0 ? at : at + Escapes.length(escape);
    }

    /** The code point of the escape {@code s[at, end)} found by {@link #end}. */
    static int value(String s, int at, int end) {
        return switch (s.charAt(at + 1)) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'f' -> '\f';
            default -> Escapes.codePoint(Escapes.backslash(s, at, end));
        };
    }

    private static boolean whitespace(String s, int at, int to) {
        if (at + 1 >= to) {
            return false;
        }
        char kind = s.charAt(at + 1);
        return kind == 'n' || kind == 'r' || kind == 't' || kind == 'f';
    }
}
