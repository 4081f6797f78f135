package dev.bulwark.guards.detect;

import java.util.Arrays;
import java.util.Locale;

/**
 * Up to a few context words around an index ({@link ContextWords#wordChar word characters}), reusable: their
 * lower-cased forms in {@link #chars}, in text order and separated by single spaces, so neighbouring words form one
 * range; per word its range, its {@link WordTable#hash} and its bits in a {@link ContextWords} table. Words of ASCII
 * and ’ are lower-cased character by character while they are read; a word with other characters sends the whole
 * collection to {@link String#toLowerCase(Locale)} per word, which may change lengths.
 */
final class ContextWindow {
    final int[] from;
    final int[] to;
    final int[] hash;
    final int[] bits;
    int count;
    char[] chars = new char[64];

    ContextWindow(int max) {
        from = new int[max];
        to = new int[max];
        hash = new int[max];
        bits = new int[max];
    }

    /** Up to {@code max} (at most the capacity) words before {@code start} on its line; word 0 is the nearest. */
    void before(char[] text, int start, int max) {
        if (chars.length < start + max) {
            chars = new char[Math.max(start + max, chars.length * 2)];
        }
        char[] out = chars;
        int at = out.length;
        count = 0;
        int i = start;
        while (count < max) {
            // Context belongs to the same line: a label on the line above says nothing about this word.
            while (i > 0 && !ContextWords.wordChar(text[i - 1]) && text[i - 1] != '\n') {
                i--;
            }
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
        if (chars.length < length - end + max) {
            chars = new char[Math.max(length - end + max, chars.length * 2)];
        }
        char[] out = chars;
        int at = 0;
        count = 0;
        int i = end;
        while (count < max) {
            while (i < length && !ContextWords.wordChar(text[i])) {
                i++;
            }
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

    void lookUp(WordTable table) {
        for (int k = 0; k < count; k++) {
            bits[k] = table.get(chars, from[k], to[k], hash[k]);
        }
    }

    private void slowBefore(char[] text, int start, int max) {
        count = 0;
        int i = start;
        while (count < max) {
            while (i > 0 && !ContextWords.wordChar(text[i - 1]) && text[i - 1] != '\n') {
                i--;
            }
            if (i == 0 || !ContextWords.wordChar(text[i - 1])) {
                break;
            }
            int end = i;
            while (i > 0 && ContextWords.wordChar(text[i - 1])) {
                i--;
            }
            add(i, end);
        }
        write(text, true);
    }

    private void slowAfter(char[] text, int length, int end, int max) {
        count = 0;
        int i = end;
        while (count < max) {
            while (i < length && !ContextWords.wordChar(text[i])) {
                i++;
            }
            if (i >= length) {
                break;
            }
            int s = i;
            while (i < length && ContextWords.wordChar(text[i])) {
                i++;
            }
            add(s, i);
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
