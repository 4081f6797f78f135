package dev.bulwark.guards.detect;

import java.util.Arrays;
import java.util.Locale;

/**
 * Up to a few context words around an index ({@link ContextWords#wordChar word characters}), reusable: their
 * lower-cased forms in {@link #chars}, in text order and separated by single spaces, so neighbouring words form one
 * range; per word its range, its {@link WordTable#hash} and its bits in a {@link ContextWords} table. Words of ASCII
 * and ’ are lower-cased character by character while they are read; a word with other characters sends the whole
 * collection to {@link String#toLowerCase(Locale)} per word, which may change lengths. Around a word of a
 * {@link WordTokens} the window mostly takes the words already read ({@link #beforeWords}, {@link #afterWords}).
 */
final class ContextWindow {
    final int[] from;
    final int[] to;
    final int[] hash;
    final int[] bits;
    int count;
    /** The words the window took from {@link #source}, which is {@code null} when it read the characters. */
    private final int[] token;
    /** Bits of the phrases {@link #phrase} gives, or {@link #UNKNOWN} before it is asked. */
    private final int[] pairs;
    private final int[] triples;
    static final int UNKNOWN = -1;
    /** Per window size, the phrases {@link ContextWords} found among that many words, or {@link #UNKNOWN}. */
    final int[] within;
    private WordTable table;
    private WordTokens source;
    /** The window's own characters; {@link #chars} is this array unless the words were taken from a WordTokens. */
    private char[] own = new char[64];
    /** The lower-cased words the ranges point into: {@link #own}, or the folded words of a {@link WordTokens}. */
    char[] chars = own;

    ContextWindow(int max) {
        from = new int[max];
        to = new int[max];
        hash = new int[max];
        bits = new int[max];
        token = new int[max];
        pairs = new int[max];
        triples = new int[max];
        within = new int[max + 1];
    }

    /** Up to {@code max} (at most the capacity) words before {@code start} on its line; word 0 is the nearest. */
    void before(char[] text, int start, int max) {
        if (own.length < start + max) {
            own = new char[Math.max(start + max, own.length * 2)];
        }
        chars = own;
        source = null;
        char[] out = chars;
        int at = out.length;
        count = 0;
        int i = start;
        while (count < max) {
            // Context belongs to the same line: a label on the line above says nothing about this word.
            i = WordRuns.previousWordOnLine(text, i);
            if (i == 0 || !ContextWords.wordChar(text[i - 1])) {
                break;
            }
            if (count > 0) {
                out[--at] = ' ';
            }
            int end = at;
            int h = 0;
            int power = 1;
            while (i > 0 && ContextWords.wordChar(text[i - 1])) {
                char c = text[--i];
                if (c >= 0x80 && c != '’') {
                    slowBefore(text, start, max);
                    return;
                }
                c = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
                out[--at] = c;
                h += c * power;
                power *= 31;
            }
            from[count] = at;
            to[count] = end;
            hash[count] = h;
            count++;
        }
    }

    /** Up to {@code max} (at most the capacity) words after {@code end}, in text order. */
    void after(char[] text, int length, int end, int max) {
        if (own.length < length - end + max) {
            own = new char[Math.max(length - end + max, own.length * 2)];
        }
        chars = own;
        source = null;
        char[] out = chars;
        int at = 0;
        count = 0;
        int i = end;
        while (count < max) {
            i = WordRuns.nextWord(text, i, length);
            if (i >= length) {
                break;
            }
            int s = at;
            int h = 0;
            while (i < length && ContextWords.wordChar(text[i])) {
                char c = text[i++];
                if (c >= 0x80 && c != '’') {
                    slowAfter(text, length, end, max);
                    return;
                }
                c = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
                out[at++] = c;
                h = WordTable.step(h, c);
            }
            from[count] = s;
            to[count] = at;
            hash[count] = h;
            count++;
            out[at++] = ' ';
        }
    }

    /**
     * As {@link #before} up to the start of word {@code s} of {@code t}, with the words taken from {@code t} instead
     * of read again: a word of ASCII letters only ({@link WordTokens#ASCII_LETTERS}) is a context word whose lower
     * case is its fold, when no word character touches it. False, leaving the window unspecified, when a gap
     * between the words holds a word character (a digit, an apostrophe, a letter beyond ASCII) or a word is not of
     * ASCII letters only: then {@link #before} must read the characters.
     */
    boolean beforeWords(WordTokens t, int s, int max) {
        count = 0;
        source = null;
        // k: the word whose gap before it is asked next.
        int k = s;
        while (count < max) {
            if (t.has(k, WordTokens.WORD_CHAR_BEFORE)) {
                return false;
            }
            if (t.has(k, WordTokens.NEWLINE_BEFORE) || k == 0) {
                break;
            }
            k--;
            if (!t.has(k, WordTokens.ASCII_LETTERS)) {
                return false;
            }
            take(t, k);
        }
        // A word character before the farthest word might have been part of it.
        if (count == max && t.has(k, WordTokens.WORD_CHAR_BEFORE)) {
            return false;
        }
        chars = t.folds;
        return true;
    }

    /**
     * As {@link #after} from the end of word {@code last} of {@code t}, with the words taken from {@code t} on the
     * terms of {@link #beforeWords}.
     */
    boolean afterWords(WordTokens t, int last, int max) {
        count = 0;
        source = null;
        // k: the word whose gap before it is asked next (the word count for the rest of the text).
        int k = last + 1;
        while (count < max) {
            if (gapFlags(t, k, WordTokens.WORD_CHAR_BEFORE)) {
                return false;
            }
            if (k >= t.count) {
                break;
            }
            if (!t.has(k, WordTokens.ASCII_LETTERS)) {
                return false;
            }
            take(t, k);
            k++;
        }
        // A word character right after the last word might have been part of it.
        if (count == max && gapFlags(t, k, WordTokens.WORD_CHAR_BEFORE)) {
            return false;
        }
        chars = t.folds;
        return true;
    }

    /** Whether the gap before word {@code k} (or after the last word) has {@code flag}. */
    private static boolean gapFlags(WordTokens t, int k, int flag) {
        return ((k < t.count ? t.flags[k] : t.tailFlags) & flag) != 0;
    }

    private void take(WordTokens t, int k) {
        source = t;
        token[count] = k;
        from[count] = t.foldStart(k);
        to[count] = t.foldEnd(k);
        hash[count] = t.hash(k);
        count++;
    }

    void lookUp(WordTable table) {
        this.table = table;
        Arrays.fill(within, UNKNOWN);
        for (int k = 0; k < count; k++) {
            bits[k] = source != null ? source.bitsIn(token[k], table) : table.get(chars, from[k], to[k], hash[k]);
            pairs[k] = UNKNOWN;
            triples[k] = UNKNOWN;
        }
    }

    /**
     * The bits, in the table of the last {@link #lookUp}, of the phrase of the two or three ({@code words}) words
     * from word {@code k} on in window order; looked up once per collection, as several lists ask for them.
     */
    int phrase(int k, int words) {
        int[] cache = words == 2 ? pairs : triples;
        int b = cache[k];
        if (b == UNKNOWN) {
            int z = k + words - 1;
            b = table.get(chars, Math.min(from[k], from[z]), Math.max(to[k], to[z]));
            cache[k] = b;
        }
        return b;
    }

    /** {@link #before} for words beyond ASCII: the ranges first, then {@link #write} lower-cases them whole. */
    private void slowBefore(char[] text, int start, int max) {
        count = 0;
        for (int i = WordRuns.previousWordOnLine(text, start); count < max && i > 0
                && ContextWords.wordChar(text[i - 1]); i = WordRuns.previousWordOnLine(text, i)) {
            int wordEnd = i;
            i = WordRuns.wordStart(text, i);
            add(i, wordEnd);
        }
        write(text, true);
    }

    /** {@link #after} for words beyond ASCII, as {@link #slowBefore}. */
    private void slowAfter(char[] text, int length, int end, int max) {
        count = 0;
        for (int i = WordRuns.nextWord(text, end, length); count < max && i < length;
                i = WordRuns.nextWord(text, i, length)) {
            int wordStart = i;
            i = WordRuns.wordEnd(text, i, length);
            add(wordStart, i);
        }
        write(text, false);
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
            String lower = new String(text, from[k], to[k] - from[k]).toLowerCase(Locale.ROOT);
            if (chars.length < at + lower.length() + 1) {
                chars = Arrays.copyOf(chars, Math.max(at + lower.length() + 1, chars.length * 2));
                own = chars;
            }
            lower.getChars(0, lower.length(), chars, at);
            from[k] = at;
            at += lower.length();
            to[k] = at;
            hash[k] = WordTable.hash(chars, from[k], at);
            chars[at++] = ' ';
        }
    }
}
