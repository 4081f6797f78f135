package dev.bulwark.guards.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * A scanner with the same answers as {@code Context.before(text, start, window, Context.words(words))} for words of
 * lower-case ASCII letters, dots and spaces, without a regex: some word occurs in {@code [start - window, start)},
 * compared as that pattern compares (Unicode case-insensitive, character by character), with no letter, number or
 * underscore right before or after it inside the window. The window's edges count as word boundaries, as a
 * region's opaque bounds hide the text outside it from the pattern's lookarounds.
 */
final class WordsBefore {
    /** Words by their first letter ({@code 'a'..'z'}); null where no word starts with that letter. */
    private final char[][][] byInitial = new char[26][][];

    private WordsBefore(String... words) {
        List<List<char[]>> lists = new ArrayList<>();
        for (int c = 0; c < 26; c++) {
            lists.add(new ArrayList<>());
        }
        for (String w : words) {
            for (int k = 0; k < w.length(); k++) {
                char c = w.charAt(k);
                if (!(c >= 'a' && c <= 'z' || c == '.' || c == ' ') || k == 0 && !(c >= 'a' && c <= 'z')) {
                    throw new IllegalArgumentException("not a lower-case ASCII word: " + w);
                }
            }
            lists.get(w.charAt(0) - 'a').add(w.toCharArray());
        }
        for (int c = 0; c < 26; c++) {
            if (!lists.get(c).isEmpty()) {
                byInitial[c] = lists.get(c).toArray(char[][]::new);
            }
        }
    }

    static WordsBefore of(String... words) {
        return new WordsBefore(words);
    }

    /** Whether one of the words occurs as a whole word within the {@code window} characters before {@code start}. */
    boolean in(String text, int start, int window) {
        int from = Math.max(0, start - window);
        for (int p = from; p < start; p++) {
            int initial = fold(text.charAt(p)) - 'a';
            if (initial < 0 || initial >= 26 || byInitial[initial] == null
                    || p > from && blocksBefore(text.charAt(p - 1))) {
                continue;
            }
            for (char[] word : byInitial[initial]) {
                if (matches(text, p, start, word)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(String text, int p, int to, char[] word) {
        int end = p + word.length;
        if (end > to) {
            return false;
        }
        for (int k = 1; k < word.length; k++) {
            char c = text.charAt(p + k);
            if (c != word[k] && fold(c) != word[k]) {
                return false;
            }
        }
        return end == to || !blocksAfter(text, end, to);
    }

    /** How the pattern compares a character: upper-cased, then lower-cased (so 'ſ' is 's' and 'K' is 'k'). */
    private static int fold(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? c + 0x20 : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /**
     * Whether the character before a word keeps it from starting there. The lookbehind reads one char: a surrogate
     * (half of a pair, or the first half whose pair would run past the word's start) never blocks.
     */
    private static boolean blocksBefore(char c) {
        return !Character.isSurrogate(c) && wordCharacter(c);
    }

    /** Whether the code point at {@code end} (when it ends inside the window) keeps a word from ending there. */
    private static boolean blocksAfter(String text, int end, int to) {
        int cp = text.codePointAt(end);
        return end + Character.charCount(cp) <= to && wordCharacter(cp);
    }

    /** {@code [\p{L}\p{N}_]}. */
    private static boolean wordCharacter(int cp) {
        if (cp < 0x80) {
            return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9' || cp == '_';
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }
}
