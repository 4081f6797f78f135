package dev.bulwark.guards.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of word endings ("-ov", "-ness") grouped by their last letter, so a word is compared only with the endings
 * that close with its own last letter. An ending counts only when at least two letters of the word precede it.
 */
final class WordEndings {
    /** Endings by last character for ASCII last characters; {@link #other} holds the rest. */
    private final String[][] byLast = new String[128][];
    private final String[] other;
    /** The same endings as character arrays, for {@link #endsOne(char[], int, int)}. */
    private final char[][][] byLastChars = new char[128][][];
    private final char[][] otherChars;

    WordEndings(List<String> endings) {
        List<List<String>> groups = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            groups.add(new ArrayList<>());
        }
        List<String> rest = new ArrayList<>();
        for (String e : endings) {
            if (e.isEmpty()) {
                throw new IllegalArgumentException("an ending must not be empty");
            }
            char last = e.charAt(e.length() - 1);
            (last < 128 ? groups.get(last) : rest).add(e);
        }
        for (int c = 0; c < 128; c++) {
            byLast[c] = groups.get(c).toArray(String[]::new);
            byLastChars[c] = groups.get(c).stream().map(String::toCharArray).toArray(char[][]::new);
        }
        other = rest.toArray(String[]::new);
        otherChars = rest.stream().map(String::toCharArray).toArray(char[][]::new);
    }

    /** Whether the word ends with one of the endings and has at least two more characters before it. */
    boolean endsOne(String word) {
        if (word.isEmpty()) {
            return false;
        }
        char last = word.charAt(word.length() - 1);
        for (String e : last < 128 ? byLast[last] : other) {
            if (word.length() >= e.length() + 2 && word.endsWith(e)) {
                return true;
            }
        }
        return false;
    }

    /** As {@link #endsOne(String)} for the word {@code text[from, to)}. */
    boolean endsOne(char[] text, int from, int to) {
        int length = to - from;
        if (length <= 0) {
            return false;
        }
        char last = text[to - 1];
        for (char[] e : last < 128 ? byLastChars[last] : otherChars) {
            if (length >= e.length + 2 && endsWith(text, to, e)) {
                return true;
            }
        }
        return false;
    }

    /** Compares from the end, where the endings of one group differ first. */
    private static boolean endsWith(char[] text, int to, char[] ending) {
        for (int i = ending.length - 1, j = to - 1; i >= 0; i--, j--) {
            if (text[j] != ending[i]) {
                return false;
            }
        }
        return true;
    }
}
