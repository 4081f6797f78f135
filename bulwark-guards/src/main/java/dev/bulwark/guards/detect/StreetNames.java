package dev.bulwark.guards.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The text-wide check that lets {@link AddressRecognizer} skip its Germanic grammar: whether some word of the text
 * could be the street name {@code AddressRecognizer.streetNamed} accepts.
 */
final class StreetNames {
    private StreetNames() {}

    /** Street endings (ASCII, lower case) by their last character; null where none ends so. */
    private static final String[][] ENDINGS_BY_LAST = byLast(AddressRecognizer.STREET_ENDINGS);
    /** Street words (ASCII, lower case) by their last character; null where none ends so. */
    private static final String[][] WORDS_BY_LAST = byLast(AddressRecognizer.STREET_WORDS);

    private static String[][] byLast(List<String> list) {
        List<List<String>> lists = new ArrayList<>();
        for (int c = 0; c < 0x80; c++) {
            lists.add(new ArrayList<>());
        }
        for (String e : list) {
            lists.get(e.charAt(e.length() - 1)).add(e);
        }
        String[][] table = new String[0x80][];
        for (int c = 0; c < 0x80; c++) {
            table[c] = lists.get(c).isEmpty() ? null : lists.get(c).toArray(String[]::new);
        }
        return table;
    }

    private static String[] byLast(String[][] table, char last) {
        return last < 0x80 ? table[last] : null;
    }

    /**
     * Whether some word of the text could be the street name {@code AddressRecognizer.streetNamed} accepts. That
     * name (group 2 of GERMANIC) is followed by one to three spaces or tabs and a house number, runs back from there
     * over letters, marks, dots and hyphens, and starts at that run's start, after a hyphen or after a mark; it is
     * accepted as a street word (when a word precedes it) or, capitalised, by its ending. Without such a word no
     * GERMANIC match is reported, so the pattern need not run.
     */
    static boolean beforeNumber(TextShape shape) {
        String text = shape.text();
        for (int k = 0; k < shape.count(); k++) {
            if (shape.kind(k) != TextShape.DIGITS) {
                continue;
            }
            int number = shape.start(k);
            int end = number;
            while (end > 0 && number - end < 3 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
                end--;
            }
            if (end == number) {
                continue;
            }
            int start = end;
            boolean ascii = true;
            while (start > 0 && nameChar(text.charAt(start - 1))) {
                start--;
                ascii &= text.charAt(start) < 0x80;
            }
            if (start == end) {
                continue;
            }
            char last = Character.toLowerCase(text.charAt(end - 1));
            if (ascii ? byLast(ENDINGS_BY_LAST, last) == null && byLast(WORDS_BY_LAST, last) == null
                    : foldsOutsideAscii(text, start, end)) {
                continue;
            }
            for (int c = start; c < end; c++) {
                boolean nameStart = c == start || text.charAt(c - 1) == '-'
                        || !Character.isLetter(text.charAt(c - 1)) && !Character.isSurrogate(text.charAt(c - 1));
                if (nameStart && Character.isLetter(text.codePointAt(c))
                        && (ascii ? asciiStreetName(text, c, end, true) : streetName(text, c, end, true))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether every name ending at {@code end} folds ({@link WordLists#fold}) to something ending in a character
     * outside ASCII, so it can be neither a street word nor end in a street ending (all ASCII): its last character
     * other than a mark is a letter of a script other than Latin (Greek, Cyrillic, Hebrew...), whose folding keeps
     * it in that script, while the marks after it fold away.
     */
    static boolean foldsOutsideAscii(String text, int start, int end) {
        int p = end - 1;
        while (p >= start && mark(text.charAt(p))) {
            p--;
        }
        if (p < start) {
            return false;
        }
        char c = text.charAt(p);
        if (c < 0x80 || Character.isSurrogate(c) || !Character.isLetter(c)) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script != Character.UnicodeScript.LATIN && script != Character.UnicodeScript.COMMON
                && script != Character.UnicodeScript.INHERITED;
    }

    private static boolean mark(char c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /**
     * {@code AddressRecognizer}'s street-name test on {@code text[start, end)}, a GERMANIC street name (group 2):
     * a street word when a capitalised word precedes it ({@code wordBefore}, group 1), or capitalised with a street
     * ending. A name of ASCII characters is compared in place; any other is folded first.
     */
    static boolean named(String text, int start, int end, boolean wordBefore) {
        for (int c = start; c < end; c++) {
            if (text.charAt(c) >= 0x80) {
                return streetName(text, start, end, wordBefore);
            }
        }
        return asciiStreetName(text, start, end, wordBefore);
    }

    /**
     * {@link #streetName} on {@code text[start, end)} of ASCII letters, dots and hyphens, without copying it: such
     * a name folds to its lower case.
     */
    private static boolean asciiStreetName(String text, int start, int end, boolean wordBefore) {
        int length = end - start;
        char last = Character.toLowerCase(text.charAt(end - 1));
        String[] words = wordBefore ? byLast(WORDS_BY_LAST, last) : null;
        if (words != null) {
            for (String word : words) {
                if (word.length() == length && text.regionMatches(true, start, word, 0, length)) {
                    return true;
                }
            }
        }
        String[] endings = byLast(ENDINGS_BY_LAST, last);
        if (endings == null || !Character.isUpperCase(text.charAt(start))) {
            return false;
        }
        for (String ending : endings) {
            int e = ending.length();
            if ((length >= e + 3 || length == e) && text.regionMatches(true, end - e, ending, 0, e)) {
                return true;
            }
        }
        return false;
    }

    /** The street-name test on {@code text[start, end)} alone, with or without a word before it. */
    private static boolean streetName(String text, int start, int end, boolean wordBefore) {
        String name = LatinFold.fold(text, start, end);
        if (name.isEmpty()) {
            return false;
        }
        char last = name.charAt(name.length() - 1);
        String[] words = wordBefore ? byLast(WORDS_BY_LAST, last) : null;
        if (words != null) {
            for (String word : words) {
                if (word.equals(name)) {
                    return true;
                }
            }
        }
        String[] endings = byLast(ENDINGS_BY_LAST, last);
        if (endings == null || !Character.isUpperCase(firstCodePoint(text, start, end))) {
            return false;
        }
        for (String ending : endings) {
            if (name.length() >= ending.length() + 3 && name.endsWith(ending) || name.equals(ending)) {
                return true;
            }
        }
        return false;
    }

    /** The first code point of {@code text[start, end)}, a surrogate pair only when both halves are inside. */
    private static int firstCodePoint(String text, int start, int end) {
        char c = text.charAt(start);
        if (Character.isHighSurrogate(c) && start + 1 < end && Character.isLowSurrogate(text.charAt(start + 1))) {
            return Character.toCodePoint(c, text.charAt(start + 1));
        }
        return c;
    }

    private static boolean nameChar(char c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '-';
        }
        int type = Character.getType(c);
        return Character.isLetter(c) || Character.isSurrogate(c) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }
}
