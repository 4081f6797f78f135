package dev.bulwark.guards.detect;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Context phrases (one to three words) looked up among the few words before or after a candidate. A word-table lookup
 * rather than a regex, because it runs once per capitalised run on every text. Words are runs of letters, digits and
 * apostrophes on the candidate's line, compared in lower case; the collected words are written lower-cased into one
 * buffer, separated by single spaces and in text order, so a phrase of neighbouring words is a range of it.
 */
final class ContextWords {
    private static final int PHRASE = 1;
    /** First and last words of the phrases of more than one word: a longer phrase is looked up only around these. */
    private static final int FIRST = 2;
    private static final int LAST = 4;

    private final WordTable table;

    ContextWords(String... phrases) {
        Map<String, Integer> bits = new HashMap<>();
        for (String p : phrases) {
            String lower = p.toLowerCase(Locale.ROOT);
            bits.merge(lower, PHRASE, (a, b) -> a | b);
            String[] words = lower.split(" ");
            if (words.length > 1) {
                bits.merge(words[0], FIRST, (a, b) -> a | b);
                bits.merge(words[words.length - 1], LAST, (a, b) -> a | b);
            }
        }
        this.table = new WordTable(bits);
    }

    /** Whether one of the phrases ends within the {@code words} words before {@code start}. */
    boolean before(String text, int start, int words) {
        return before(new Words(words).before(text.toCharArray(), start, words), words);
    }

    /** As {@link #before(String, int, int)} on words collected once (nearest first) for several phrase lists. */
    boolean before(Words w, int words) {
        int n = Math.min(words, w.count);
        // Word 0 is the nearest.
        for (int k = 0; k < n; k++) {
            int bits = table.get(w.chars, w.from[k], w.to[k], w.hash[k]);
            if ((bits & PHRASE) != 0) {
                return true;
            }
            if ((bits & LAST) == 0) {
                continue;
            }
            if (k + 1 < n && (table.get(w.chars, w.from[k + 1], w.to[k]) & PHRASE) != 0) {
                return true;
            }
            if (k + 2 < n && (table.get(w.chars, w.from[k + 2], w.to[k]) & PHRASE) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of the phrases starts within the {@code words} words after {@code end}. */
    boolean after(String text, int end, int words) {
        return after(new Words(words).after(text.toCharArray(), text.length(), end, words));
    }

    /** As {@link #after(String, int, int)} on words collected (in text order) by {@link Words#after}. */
    boolean after(Words w) {
        int n = w.count;
        for (int k = 0; k < n; k++) {
            int bits = table.get(w.chars, w.from[k], w.to[k], w.hash[k]);
            if ((bits & PHRASE) != 0) {
                return true;
            }
            if ((bits & FIRST) == 0) {
                continue;
            }
            if (k + 1 < n && (table.get(w.chars, w.from[k], w.to[k + 1]) & PHRASE) != 0) {
                return true;
            }
            if (k + 2 < n && (table.get(w.chars, w.from[k], w.to[k + 2]) & PHRASE) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Up to a few words around an index, reusable: their places in the text while collecting, then their lower-cased
     * forms in {@link #chars}, in text order and separated by single spaces, so neighbouring words form a range.
     */
    static final class Words {
        private final int[] from;
        private final int[] to;
        private final int[] hash;
        private int count;
        private char[] chars = new char[64];

        Words(int max) {
            from = new int[max];
            to = new int[max];
            hash = new int[max];
        }

        /** Collects up to {@code max} (at most the capacity) words before {@code start} on its line, nearest first. */
        Words before(char[] text, int start, int max) {
            count = 0;
            int i = start;
            while (count < max) {
                // Context belongs to the same line: a label on the line above says nothing about this word.
                while (i > 0 && !wordChar(text[i - 1]) && text[i - 1] != '\n') {
                    i--;
                }
                if (i == 0 || !wordChar(text[i - 1])) {
                    break;
                }
                int end = i;
                while (i > 0 && wordChar(text[i - 1])) {
                    i--;
                }
                add(i, end);
            }
            write(text, true);
            return this;
        }

        /** Collects up to {@code max} (at most the capacity) words after {@code end}, in text order. */
        Words after(char[] text, int length, int end, int max) {
            count = 0;
            int i = end;
            while (count < max) {
                while (i < length && !wordChar(text[i])) {
                    i++;
                }
                if (i >= length) {
                    break;
                }
                int s = i;
                while (i < length && wordChar(text[i])) {
                    i++;
                }
                add(s, i);
            }
            write(text, false);
            return this;
        }

        private void add(int start, int end) {
            from[count] = start;
            to[count] = end;
            count++;
        }

        /** Replaces the text ranges by ranges of {@link #chars} ({@code reversed}: collected nearest first). */
        private void write(char[] text, boolean reversed) {
            int at = 0;
            for (int m = 0; m < count; m++) {
                int k = reversed ? count - 1 - m : m;
                int s = from[k];
                int e = to[k];
                from[k] = at;
                if (plain(text, s, e)) {
                    ensure(at + e - s + 1);
                    for (int i = s; i < e; i++) {
                        char c = text[i];
                        chars[at++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
                    }
                } else {
                    String lower = new String(text, s, e - s).toLowerCase(Locale.ROOT);
                    ensure(at + lower.length() + 1);
                    lower.getChars(0, lower.length(), chars, at);
                    at += lower.length();
                }
                to[k] = at;
                hash[k] = WordTable.hash(chars, from[k], at);
                chars[at++] = ' ';
            }
        }

        /** Lower-casing beyond ASCII may change a word's length: the buffer then grows to fit. */
        private void ensure(int length) {
            if (chars.length < length) {
                chars = java.util.Arrays.copyOf(chars, Math.max(length, chars.length * 2));
            }
        }

        /** ASCII and ’ only: lower case is then a character-by-character mapping of A to Z. */
        private static boolean plain(char[] text, int s, int e) {
            for (int i = s; i < e; i++) {
                char c = text[i];
                if (c >= 0x80 && c != '’') {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean wordChar(char c) {
        if (c < 0x80) {
            return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c >= '0' && c <= '9' || c == '\'';
        }
        return Character.isLetterOrDigit(c) || c == '’';
    }
}
