package dev.bulwark.guards.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of word endings ("-ov", "-ness") grouped by their last letter, so a word is compared only with the endings
 * that close with its own last letter. An ending counts only when at least two letters of the word precede it. The
 * endings sit in one character array, group after group, so that a check reads a few neighbouring cache lines.
 */
final class WordEndings {
    /** Group of an ASCII last character, or {@link #OTHER} for any other. */
    private static final int OTHER = 128;
    /** Per group, where its endings start in {@link #ends}; one more element marks the end of the last group. */
    private final int[] groupStart = new int[OTHER + 2];
    /** Per ending, where it ends (exclusive) in {@link #chars} and its length. */
    private final int[] ends;
    private final int[] lengths;
    private final char[] chars;
    /**
     * Per pair of letters a to z, whether an ending of two or more letters ends with it (bit {@code 26 * last +
     * before}); per letter, whether an ending is that one letter. A word ending otherwise is rejected at once.
     */
    private final long[] tails = new long[(26 * 26 + 63) / 64];
    private final int singles;
    /** An ending not of ASCII lower-case letters: every word is compared in full. */
    private final boolean unusual;

    WordEndings(List<String> endings) {
        List<List<String>> groups = new ArrayList<>();
        for (int c = 0; c <= OTHER; c++) {
            groups.add(new ArrayList<>());
        }
        int total = 0;
        for (String e : endings) {
            if (e.isEmpty()) {
                throw new IllegalArgumentException("an ending must not be empty");
            }
            groups.get(group(e.charAt(e.length() - 1))).add(e);
            total += e.length();
        }
        ends = new int[endings.size()];
        lengths = new int[endings.size()];
        chars = new char[total];
        int n = 0;
        int at = 0;
        for (int g = 0; g <= OTHER; g++) {
            groupStart[g] = n;
            for (String e : groups.get(g)) {
                e.getChars(0, e.length(), chars, at);
                at += e.length();
                ends[n] = at;
                lengths[n] = e.length();
                n++;
            }
        }
        groupStart[OTHER + 1] = n;
        boolean odd = false;
        int one = 0;
        for (String e : endings) {
            int last = e.charAt(e.length() - 1) - 'a';
            int before = e.length() > 1 ? e.charAt(e.length() - 2) - 'a' : -1;
            if (last < 0 || last >= 26 || e.length() > 1 && (before < 0 || before >= 26)) {
                odd = true;
            } else if (before < 0) {
                one |= 1 << last;
            } else {
                mark(26 * last + before);
            }
        }
        unusual = odd;
        singles = one;
    }

    private void mark(int pair) {
        tails[pair >> 6] |= 1L << pair;
    }

    private static int group(char last) {
        return last < OTHER ? last : OTHER;
    }

    /** Whether the word ends with one of the endings and has at least two more characters before it. */
    boolean endsOne(String word) {
        return endsOne(word.toCharArray(), 0, word.length());
    }

    /** As {@link #endsOne(String)} for the word {@code text[from, to)}. */
    boolean endsOne(char[] text, int from, int to) {
        int length = to - from;
        if (length <= 0) {
            return false;
        }
        if (!unusual) {
            // Every ending is of letters a to z with at least two characters before it: the word's last letter must
            // be an ending, or its last two close one.
            if (length < 3) {
                return false;
            }
            int last = text[to - 1] - 'a';
            if (last < 0 || last >= 26) {
                return false;
            }
            if ((singles >>> last & 1) == 0) {
                int before = text[to - 2] - 'a';
                if (before < 0 || before >= 26) {
                    return false;
                }
                int pair = 26 * last + before;
                if ((tails[pair >> 6] & 1L << pair) == 0) {
                    return false;
                }
            }
        }
        int g = group(text[to - 1]);
        for (int e = groupStart[g], z = groupStart[g + 1]; e < z; e++) {
            if (length >= lengths[e] + 2 && endsWith(text, to, ends[e], lengths[e])) {
                return true;
            }
        }
        return false;
    }

    /** Compares from the end (the last character too: the group beyond ASCII mixes last characters). */
    private boolean endsWith(char[] text, int to, int end, int length) {
        for (int i = end - 1, j = to - 1, stop = end - length; i >= stop; i--, j--) {
            if (text[j] != chars[i]) {
                return false;
            }
        }
        return true;
    }
}
