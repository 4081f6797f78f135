package dev.bulwark.guards.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Context words near a candidate: they raise (or, for negative words, lower) its score. A word counts when it lies
 * wholly inside a window of characters before or after the candidate, in any case, and is not glued to a letter, digit
 * or underscore inside that window (the window's edges count as boundaries).
 */
final class Context {
    private Context() {}

    /** Whole-word, case-insensitive literals (a phrase may hold spaces or punctuation); matched without a regex. */
    static Words words(String... literals) {
        return new Words(literals);
    }

    /**
     * Literals grouped by their first character. Characters compare as a Unicode case-insensitive regex compares them
     * ({@code toLowerCase(toUpperCase(c))}), so "ſ" matches "s" and "K" (Kelvin) matches "k" as before; the literals
     * themselves must be ASCII, which keeps every comparison a single {@code char}.
     */
    static final class Words {
        private final String[][] byFirst = new String[128][];

        private Words(String... literals) {
            List<List<String>> groups = new ArrayList<>();
            for (int c = 0; c < 128; c++) {
                groups.add(new ArrayList<>());
            }
            for (String literal : literals) {
                if (literal.isEmpty()) {
                    throw new IllegalArgumentException("empty context word");
                }
                String lower = literal.toLowerCase(java.util.Locale.ROOT);
                for (int i = 0; i < lower.length(); i++) {
                    if (lower.charAt(i) >= 0x80) {
                        throw new IllegalArgumentException("context words must be ASCII: " + literal);
                    }
                }
                groups.get(lower.charAt(0)).add(lower);
            }
            for (int c = 0; c < 128; c++) {
                if (!groups.get(c).isEmpty()) {
                    byFirst[c] = groups.get(c).toArray(String[]::new);
                }
            }
            // Upper-case ASCII initials share the lower-case group, so ASCII text needs no folding to find it.
            for (int c = 'A'; c <= 'Z'; c++) {
                byFirst[c] = byFirst[c + 32];
            }
        }

        /** Whether one of the words lies within the {@code window} characters before {@code start}. */
        boolean before(String text, int start, int window) {
            return within(text, Math.max(0, start - window), start);
        }

        /** Whether one of the words lies within the {@code window} characters after {@code end}. */
        boolean after(String text, int end, int window) {
            return within(text, end, Math.min(text.length(), end + window));
        }

        /** Whether some literal lies in {@code text[from, to)} with a boundary (or the window's edge) on each side. */
        boolean within(String text, int from, int to) {
            for (int p = from; p < to; p++) {
                char c = text.charAt(p);
                String[] group = c < 128 ? byFirst[c] : folded(c);
                if (group == null || p > from && wordChar(text.charAt(p - 1))) {
                    continue;
                }
                for (String literal : group) {
                    int e = p + literal.length();
                    if (e <= to && matchesAt(text, p + 1, literal) && !wordAt(text, e, to)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The group of a character outside ASCII whose case fold is an ASCII letter ("ſ", Kelvin sign, "ı", "İ"). */
        private String[] folded(char c) {
            int f = fold(c);
            return f < 128 && f >= 'a' && f <= 'z' ? byFirst[f] : null;
        }

        private static boolean matchesAt(String text, int i, String literal) {
            for (int k = 1; k < literal.length(); k++) {
                if (fold(text.charAt(i + k - 1)) != literal.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static int fold(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? c + 32 : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /**
     * Whether a letter, digit or underscore starts at {@code e} and ends by {@code to}; a surrogate pair counts by its
     * code point only when both halves are inside the window, as a regex lookahead bounded by the window reads it.
     */
    private static boolean wordAt(String text, int e, int to) {
        if (e >= to) {
            return false;
        }
        char c = text.charAt(e);
        if (Character.isHighSurrogate(c) && e + 1 < text.length() && Character.isLowSurrogate(text.charAt(e + 1))) {
            return e + 2 <= to && wordCodePoint(Character.toCodePoint(c, text.charAt(e + 1)));
        }
        return wordChar(c);
    }

    /** A lone {@code char} as a regex lookbehind of one character reads it: surrogate halves are never word chars. */
    private static boolean wordChar(char c) {
        return wordCodePoint(c);
    }

    private static boolean wordCodePoint(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
        }
        if (Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
