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
        return before(Preceding.of(text, start, words), words);
    }

    /** As {@link #before(String, int, int)} on words collected once for several phrase lists. */
    boolean before(Preceding preceding, int words) {
        Words w = preceding.words;
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
        Words w = new Words(words);
        int i = end;
        int len = text.length();
        while (w.count < words) {
            while (i < len && !wordChar(text.charAt(i))) {
                i++;
            }
            if (i >= len) {
                break;
            }
            int s = i;
            while (i < len && wordChar(text.charAt(i))) {
                i++;
            }
            w.add(s, i);
        }
        w.write(text, false);
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

    /** The lower-case words before an index on its line, nearest first; collected once, read by several lists. */
    static final class Preceding {
        private final Words words;

        private Preceding(Words words) {
            this.words = words;
        }

        /** Up to {@code max} words before {@code start}. */
        static Preceding of(String text, int start, int max) {
            Words w = new Words(max);
            int i = start;
            while (w.count < max) {
                // Context belongs to the same line: a label on the line above says nothing about this word.
                while (i > 0 && !wordChar(text.charAt(i - 1)) && text.charAt(i - 1) != '\n') {
                    i--;
                }
                if (i == 0 || !wordChar(text.charAt(i - 1))) {
                    break;
                }
                int end = i;
                while (i > 0 && wordChar(text.charAt(i - 1))) {
                    i--;
                }
                w.add(i, end);
            }
            w.write(text, true);
            return new Preceding(w);
        }
    }

    /** Up to a few words: their places in the text, then their lower-cased forms in {@link #chars}. */
    private static final class Words {
        final int[] from;
        final int[] to;
        final int[] hash;
        int count;
        char[] chars;

        Words(int max) {
            from = new int[max];
            to = new int[max];
            hash = new int[max];
        }

        void add(int start, int end) {
            from[count] = start;
            to[count] = end;
            count++;
        }

        /**
         * Replaces the text ranges by ranges of {@link #chars}, which holds the words lower-cased in text order
         * ({@code reversed}: the words were collected nearest first, going back) separated by single spaces.
         */
        void write(String text, boolean reversed) {
            int length = 0;
            for (int k = 0; k < count; k++) {
                length += to[k] - from[k] + 1;
            }
            chars = new char[length];
            int at = 0;
            for (int m = 0; m < count; m++) {
                int k = reversed ? count - 1 - m : m;
                int s = from[k];
                int e = to[k];
                from[k] = at;
                if (plain(text, s, e)) {
                    ensure(at + e - s + 1);
                    for (int i = s; i < e; i++) {
                        char c = text.charAt(i);
                        chars[at++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
                    }
                } else {
                    String lower = text.substring(s, e).toLowerCase(Locale.ROOT);
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
        private static boolean plain(String text, int s, int e) {
            for (int i = s; i < e; i++) {
                char c = text.charAt(i);
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
