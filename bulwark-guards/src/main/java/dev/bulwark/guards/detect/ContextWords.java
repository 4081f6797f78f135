package dev.bulwark.guards.detect;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Lists of context phrases (one to three words) looked up among the few words before or after a candidate. A
 * word-table lookup rather than a regex, because it runs once per capitalised run on every text. Words are runs of
 * letters, digits and apostrophes on the candidate's line, compared in lower case. The lists share one table, so the
 * few context words are each looked up once for all lists ({@link #collectBefore}, {@link #collectAfter}); a phrase of
 * several words is looked up only around a word that ends (or starts) one.
 */
final class ContextWords {
    private static final int PHRASE = 1;
    /** First and last words of the phrases of more than one word. */
    private static final int FIRST = 2;
    private static final int LAST = 4;
    private static final int BITS_PER_LIST = 3;

    private final WordTable table;
    private final Phrases[] lists;
    /** The {@link #PHRASE} bits of all lists; their {@link #FIRST} and {@link #LAST} bits. */
    private final int phrases;
    private final int edges;

    /** One list per argument; {@link #list} gives them back by position. */
    ContextWords(String[]... lists) {
        if (lists.length * BITS_PER_LIST > 30) {
            throw new IllegalArgumentException("at most 10 lists share a table, not " + lists.length);
        }
        Map<String, Integer> bits = new HashMap<>();
        this.lists = new Phrases[lists.length];
        for (int l = 0; l < lists.length; l++) {
            int shift = l * BITS_PER_LIST;
            for (String p : lists[l]) {
                String lower = p.toLowerCase(Locale.ROOT);
                bits.merge(lower, PHRASE << shift, (a, b) -> a | b);
                String[] words = lower.split(" ");
                if (words.length > 1) {
                    bits.merge(words[0], FIRST << shift, (a, b) -> a | b);
                    bits.merge(words[words.length - 1], LAST << shift, (a, b) -> a | b);
                }
            }
            this.lists[l] = new Phrases(this, shift);
        }
        this.table = new WordTable(bits);
        int p = 0;
        for (int l = 0; l < lists.length; l++) {
            p |= PHRASE << l * BITS_PER_LIST;
        }
        this.phrases = p;
        this.edges = p * (FIRST | LAST);
    }

    Phrases list(int position) {
        return lists[position];
    }

    /** Collects up to {@code max} words before {@code start} on its line into {@code w}, nearest first. */
    ContextWindow collectBefore(ContextWindow w, char[] text, int start, int max) {
        w.before(text, start, max);
        w.lookUp(table);
        return w;
    }

    /** As {@link #collectBefore(ContextWindow, char[], int, int)} before word {@code s} of {@code t}. */
    ContextWindow collectBefore(ContextWindow w, WordTokens t, int s, int max) {
        if (!w.beforeWords(t, s, max)) {
            w.before(t.chars, t.start[s], max);
        }
        w.lookUp(table);
        return w;
    }

    /** As {@link #collectAfter(ContextWindow, char[], int, int, int)} after the end of word {@code k} of {@code t}. */
    ContextWindow collectAfter(ContextWindow w, WordTokens t, int k, int max) {
        if (!w.afterWords(t, k, max)) {
            w.after(t.chars, t.length, t.end[k], max);
        }
        w.lookUp(table);
        return w;
    }

    /** Collects up to {@code max} words after {@code end} into {@code w}, in text order. */
    ContextWindow collectAfter(ContextWindow w, char[] text, int length, int end, int max) {
        w.after(text, length, end, max);
        w.lookUp(table);
        return w;
    }

    /** One list of phrases. */
    static final class Phrases {
        private final ContextWords group;
        private final int phrase;

        private Phrases(ContextWords group, int shift) {
            this.group = group;
            this.phrase = PHRASE << shift;
        }

        /** Whether one of the phrases ends within the {@code words} words before {@code start}. */
        boolean before(String text, int start, int words) {
            char[] chars = text.toCharArray();
            return before(group.collectBefore(new ContextWindow(words), chars, start, words), words);
        }

        /** As {@link #before(String, int, int)} on words {@link #collectBefore collected} (at least as many). */
        boolean before(ContextWindow w, int words) {
            return (group.within(w, Math.min(words, w.count)) & phrase) != 0;
        }

        /** Whether one of the phrases starts within the {@code words} words after {@code end}. */
        boolean after(String text, int end, int words) {
            char[] chars = text.toCharArray();
            return after(group.collectAfter(new ContextWindow(words), chars, chars.length, end, words));
        }

        /** As {@link #after(String, int, int)} on all the words {@link #collectAfter collected}. */
        boolean after(ContextWindow w) {
            return (group.within(w, w.count) & phrase) != 0;
        }
    }

    /**
     * The {@link #PHRASE} bits of every list with a phrase among the first {@code n} words of the window (the
     * nearest, before a name; the first, after it): a word that is a phrase, or two or three words in a row that are
     * one, all inside those {@code n}. A phrase of several words ends with a word marked {@link #LAST} and starts with
     * one marked {@link #FIRST}, so only such words send the words around them to the table. Worked out once per
     * window and size for all lists.
     */
    private int within(ContextWindow w, int n) {
        int found = w.within[n];
        if (found != ContextWindow.UNKNOWN) {
            return found;
        }
        found = 0;
        for (int k = 0; k < n; k++) {
            int bits = w.bits[k];
            found |= bits;
            if ((bits & edges) != 0) {
                if (k + 1 < n) {
                    found |= w.phrase(k, 2);
                }
                if (k + 2 < n) {
                    found |= w.phrase(k, 3);
                }
            }
        }
        found &= phrases;
        w.within[n] = found;
        return found;
    }

    /** Letters, digits and apostrophes make context words. */
    static boolean wordChar(char c) {
        return c < 0x80 ? ASCII_WORD[c] : Character.isLetterOrDigit(c) || c == '’';
    }

    private static final boolean[] ASCII_WORD = new boolean[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            ASCII_WORD[c] = Character.isLetterOrDigit(c) || c == '\'';
        }
    }
}
