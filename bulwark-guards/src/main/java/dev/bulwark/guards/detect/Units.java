package dev.bulwark.guards.detect;

/**
 * A hand-written matcher for {@link AddressTails}'s unit piece (", Apt 4", "\nSuite #12B"), with the result of its
 * former pattern anchored at {@code from} in the region {@code [from, to)} with opaque bounds:
 * <pre>
 * (?i)(?:,?[ \t]{0,3}+|[ \t]*\r?\n[ \t>]*)(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|Bldg|Building|#|No|
 *     Appartamento|Piano|Interno|Scala|Zimmer|Wohnung|Whg|Piso|Puerta|Apto|Bus|Appt)
 *     \.?[ \t]?#?[A-Za-z]?\d{1,5}[A-Za-z]?(?![\w])
 * </pre>
 * The keyword starts where its opening ends (no keyword starts with a comma, blank, line break or '>'); after it the
 * optional full stop, blank, '#' and letter are different characters before a digit, so each is taken when present,
 * and the digits are taken whole. The choices left are the two openings (the same line first) and the keywords in
 * their order. Case-insensitive means ASCII letters only.
 */
final class Units {
    private Units() {}

    /** The keywords, lower case, in the pattern's order. */
    private static final String[] KEYWORDS = {"apt", "apartment", "suite", "ste", "unit", "flat", "floor", "fl",
            "room", "rm", "bldg", "building", "#", "no",
            // Italian, German, Spanish, Belgian and French unit words: flat, floor, staircase, room, door.
            "appartamento", "piano", "interno", "scala", "zimmer", "wohnung", "whg", "piso", "puerta", "apto", "bus",
            "appt"};
    /** The keywords' first characters, as bits. */
    private static final long[] FIRSTS = new long[2];

    static {
        for (String keyword : KEYWORDS) {
            FIRSTS[keyword.charAt(0) >>> 6] |= 1L << keyword.charAt(0);
        }
    }

    /** The end of the unit at {@code from} within {@code to}, or -1. */
    static int match(String text, int from, int to) {
        int k = from < to && text.charAt(from) == ',' ? from + 1 : from;
        int limit = Math.min(to, k + 3);
        while (k < limit && blank(text.charAt(k))) {
            k++;
        }
        int end = keyword(text, k, to);
        if (end >= 0) {
            return end;
        }
        k = from;
        while (k < to && blank(text.charAt(k))) {
            k++;
        }
        if (k < to && text.charAt(k) == '\r') {
            k++;
        }
        if (k >= to || text.charAt(k) != '\n') {
            return -1;
        }
        k++;
        while (k < to && (blank(text.charAt(k)) || text.charAt(k) == '>')) {
            k++;
        }
        return keyword(text, k, to);
    }

    /** A keyword at {@code k} and the number after it: the first keyword with which the rest matches; the end or -1. */
    private static int keyword(String text, int k, int to) {
        if (k >= to) {
            return -1;
        }
        // A first look at the first character, capitals lowered (and a few others moved, which caseless refuses).
        char first = (char) (text.charAt(k) | 0x20);
        if (first >= 0x80 || (FIRSTS[first >>> 6] & 1L << first) == 0) {
            return -1;
        }
        for (String keyword : KEYWORDS) {
            if (keyword.charAt(0) == first && caseless(text, k, to, keyword)) {
                int end = number(text, k + keyword.length(), to);
                if (end >= 0) {
                    return end;
                }
            }
        }
        return -1;
    }

    /** {@code \.?[ \t]?#?[A-Za-z]?\d{1,5}[A-Za-z]?(?![\w])} at {@code p}: the end, or -1. */
    private static int number(String text, int p, int to) {
        if (p < to && text.charAt(p) == '.') {
            p++;
        }
        if (p < to && blank(text.charAt(p))) {
            p++;
        }
        if (p < to && text.charAt(p) == '#') {
            p++;
        }
        if (p < to && asciiLetter(text.charAt(p))) {
            p++;
        }
        int q = p;
        while (q < to && text.charAt(q) >= '0' && text.charAt(q) <= '9') {
            q++;
        }
        if (q == p || q - p > 5) {
            return -1;
        }
        if (q < to && asciiLetter(text.charAt(q))) {
            q++;
        }
        return q < to && wordChar(text.charAt(q)) ? -1 : q;
    }

    /** Whether {@code text} at {@code k} is {@code lower} with ASCII letters in any case, all before {@code to}. */
    private static boolean caseless(String text, int k, int to, String lower) {
        if (k + lower.length() > to) {
            return false;
        }
        for (int j = 0; j < lower.length(); j++) {
            char c = text.charAt(k + j);
            char l = lower.charAt(j);
            if (c != l && !(c >= 'A' && c <= 'Z' && c + 0x20 == l)) {
                return false;
            }
        }
        return true;
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** {@code \w}: an ASCII letter, digit or underscore. */
    private static boolean wordChar(char c) {
        return asciiLetter(c) || c >= '0' && c <= '9' || c == '_';
    }
}
