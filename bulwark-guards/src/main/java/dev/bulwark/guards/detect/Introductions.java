package dev.bulwark.guards.detect;

import java.util.Locale;

/**
 * "my name is andrea": whether an introduction ends right before a word. The rule, kept from the regular expression
 * {@code (?s).*\b(?:name is|i am|i'm|named|called|this is)\s+$} on the lower-cased 14 characters before the word,
 * is written out so that the common case (no introduction) costs a few comparisons and no string: white space
 * ({@code \s}: space, tab, line feed, vertical tab, form feed, carriage return) closes the window ({@code $} of a
 * whole-input match accepts no line terminator after it), and before the white space stands one of the phrases with
 * no word character (ASCII letter, digit, underscore, or a non-spacing mark on a letter or digit) right before it
 * inside the window.
 */
final class Introductions {
    private static final String[] PHRASES = {"name is", "i am", "i'm", "named", "called", "this is"};
    /** How many characters before the word are read. */
    static final int WINDOW = 14;

    private Introductions() {}

    /** Whether an introduction ends in the {@link #WINDOW} characters before {@code start}. */
    static boolean before(String text, int start) {
        int from = Math.max(0, start - WINDOW);
        for (int i = from; i < start; i++) {
            if (text.charAt(i) >= 0x80) {
                // Lower-casing beyond ASCII may change lengths ("İ" becomes two characters): work on the lower-cased copy.
                String lower = text.substring(from, start).toLowerCase(Locale.ROOT);
                return endsWithIntroduction(lower, 0, lower.length());
            }
        }
        return endsWithIntroduction(text, from, start);
    }

    /** The rule on {@code s[from, to)} taken as the whole input; ASCII capitals are read as lower case. */
    static boolean endsWithIntroduction(String s, int from, int to) {
        int e = to;
        int q = e;
        while (q > from && space(s.charAt(q - 1))) {
            q--;
        }
        if (q == e) {
            return false;
        }
        for (String p : PHRASES) {
            int b = q - p.length();
            if (b >= from && lowerMatches(s, b, p) && !wordBefore(s, from, b)) {
                return true;
            }
        }
        return false;
    }

    private static boolean space(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean lowerMatches(String s, int at, String phrase) {
        for (int i = 0; i < phrase.length(); i++) {
            char c = s.charAt(at + i);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != phrase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The left side of {@code \b} at {@code at}: a word character before it, counting marks on a letter or digit. */
    private static boolean wordBefore(String s, int from, int at) {
        if (at == from) {
            return false;
        }
        int cp = s.charAt(at - 1);
        if (Character.isLowSurrogate((char) cp) && at - 2 >= from && Character.isHighSurrogate(s.charAt(at - 2))) {
            cp = Character.toCodePoint(s.charAt(at - 2), (char) cp);
        }
        if (cp < 0x80) {
            return cp == '_' || (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z' || cp >= '0' && cp <= '9';
        }
        return Character.getType(cp) == Character.NON_SPACING_MARK && hasBase(s, from, at - 1);
    }

    /** Whether marks going back from {@code x} sit on a letter or digit (as {@code java.util.regex} decides it). */
    private static boolean hasBase(String s, int from, int x) {
        for (; x >= from; x--) {
            int cp = Character.codePointAt(s, x);
            if (Character.isLetterOrDigit(cp)) {
                return true;
            }
            if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                return false;
            }
        }
        return false;
    }
}
