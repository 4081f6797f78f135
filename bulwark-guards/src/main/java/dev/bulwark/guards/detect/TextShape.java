package dev.bulwark.guards.detect;

import java.util.Arrays;

/**
 * One pass over a matching text that records, in text order, where a match of some recognizer can begin: the first
 * digit of each run of ASCII digits, letters that start a word, {@code +} and {@code (} (phone prefixes), colons
 * (IPv6) and {@code @} (e-mail). Recognizers try their patterns anchored at the starts of the kinds that can begin
 * one of their matches (see {@link Anchored}) instead of letting {@code find()} try every index of the text.
 */
final class TextShape {
    /** The first of a run of ASCII digits. */
    static final int DIGITS = 1;
    /**
     * A letter not preceded by an ASCII letter or digit. Looser than any word-boundary lookbehind the patterns use
     * ({@code \w}, {@code [\p{L}\p{N}]}, {@code [A-Za-z0-9]}), so every start those allow is here.
     */
    static final int WORD = 2;
    /** {@code +} or {@code (}. */
    static final int SIGN = 4;
    /** A colon not preceded by a colon. */
    static final int COLON = 8;
    /** {@code @}. */
    static final int AT = 16;

    private final String text;
    private int[] starts;
    private byte[] kinds;
    private int count;
    private int seen;
    private final int[][] byKind = new int[5][];
    /** Number of starts of each kind, by the kind's bit position. */
    private final int[] perKind = new int[5];
    private int digitCount;

    private TextShape(String text) {
        this.text = text;
        int guess = Math.min(64, text.length() / 4 + 4);
        this.starts = new int[guess];
        this.kinds = new byte[guess];
    }

    static TextShape of(String text) {
        TextShape s = new TextShape(text);
        s.classify();
        return s;
    }

    /** Per ASCII character: DIGITS for a digit, WORD for a letter, else its own kind or 0. */
    private static final byte[] ASCII = new byte[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            ASCII[c] = DIGITS;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII[c] = WORD;
            ASCII[c - 32] = WORD;
        }
        ASCII['+'] = SIGN;
        ASCII['('] = SIGN;
        ASCII[':'] = COLON;
        ASCII['@'] = AT;
    }

    private void classify() {
        String t = text;
        int n = t.length();
        // The kind of the previous character when it is an ASCII digit, letter or colon; 0 otherwise.
        int prev = 0;
        int digits = 0;
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (c < 0x80) {
                int kind = ASCII[c];
                digits += kind == DIGITS ? 1 : 0;
                // A digit or letter continues a run of its kind; a letter also continues after a digit.
                if (kind != 0 && kind != prev && !(kind == WORD && prev == DIGITS)) {
                    add(i, kind);
                }
                prev = kind == SIGN || kind == AT ? 0 : kind;
            } else {
                if (prev != DIGITS && prev != WORD && letterAt(t, i)) {
                    add(i, WORD);
                }
                prev = 0;
            }
        }
        digitCount = digits;
    }

    private static boolean letterAt(String t, int i) {
        char c = t.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < t.length()) {
            return Character.isLetter(t.codePointAt(i));
        }
        return Character.isLetter(c);
    }

    private void add(int i, int kind) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            kinds = Arrays.copyOf(kinds, count * 2);
        }
        starts[count] = i;
        kinds[count] = (byte) kind;
        count++;
        seen |= kind;
        perKind[Integer.numberOfTrailingZeros(kind)]++;
    }

    String text() {
        return text;
    }

    int count() {
        return count;
    }

    int start(int k) {
        return starts[k];
    }

    int kind(int k) {
        return kinds[k];
    }

    /** Text indices of the starts of exactly one kind, in text order; computed once per kind. */
    int[] startsOf(int kind) {
        int slot = Integer.numberOfTrailingZeros(kind);
        if (Integer.bitCount(kind) != 1 || slot >= byKind.length) {
            throw new IllegalArgumentException("not a single kind: " + kind);
        }
        int[] found = byKind[slot];
        if (found == null) {
            found = new int[perKind[slot]];
            int n = 0;
            for (int k = 0; k < count && n < found.length; k++) {
                if (kinds[k] == kind) {
                    found[n++] = starts[k];
                }
            }
            byKind[slot] = found;
        }
        return found;
    }

    /** Number of ASCII digits in the text. */
    int digitCount() {
        return digitCount;
    }

    /** Whether some start of one of {@code kinds} exists. */
    boolean has(int kinds) {
        return (seen & kinds) != 0;
    }

    /** The character at {@code i}, or 0 past the end. */
    char at(int i) {
        return i >= 0 && i < text.length() ? text.charAt(i) : 0;
    }

    /** Length of the run of ASCII digits at {@code i}. */
    int digitRun(int i) {
        int j = i;
        while (j < text.length() && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
            j++;
        }
        return j - i;
    }
}
