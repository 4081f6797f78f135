package dev.bulwark.guards.detect;

/**
 * The character classes the hand-written street matchers ({@link GermanicStreets}, {@link RomanceStreets},
 * {@link EnglishStreets}, {@link Localities}) share, each as its former pattern read it. Reads past the end of the
 * text see {@code 0}, which belongs to none of the classes.
 */
final class StreetChars {
    private StreetChars() {}

    /** The char at {@code i}, or {@code 0} at or past the end. */
    static char at(String text, int i) {
        return i < text.length() ? text.charAt(i) : 0;
    }

    /** How many ASCII digits run from {@code i}. */
    static int digits(String text, int i) {
        int j = i;
        while (j < text.length() && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
            j++;
        }
        return j - i;
    }

    /** {@code [ \t]}. */
    static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    /** {@code [ \t]{1,3}+}, or {@code [ \t<also>]{1,3}+} when {@code also} is no blank, at {@code p}: its end or -1. */
    static int blanks(String text, int p, char also) {
        int q = p;
        while (q < text.length() && q - p < 3 && (blank(text.charAt(q)) || text.charAt(q) == also)) {
            q++;
        }
        return q > p ? q : -1;
    }

    /** {@code [A-Za-z]}. */
    static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /**
     * The lookbehind {@code (?<![\w.-])} fails at {@code i}: the char before it is an ASCII letter, digit, underscore,
     * full stop or hyphen ({@code \w} is ASCII only without UNICODE_CHARACTER_CLASS).
     */
    static boolean wordDotOrHyphenBefore(String text, int i) {
        if (i == 0) {
            return false;
        }
        char c = text.charAt(i - 1);
        return asciiLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
    }

    /** The lookahead {@code (?![\p{L}\p{N}])} fails at {@code q}: a letter or number starts there. */
    static boolean letterOrNumberAt(String text, int q) {
        return q < text.length() && letterOrNumber(text.codePointAt(q));
    }

    /** {@code [\p{L}\p{N}]}. */
    static boolean letterOrNumber(int cp) {
        if (cp < 0x80) {
            return asciiLetter((char) cp) || cp >= '0' && cp <= '9';
        }
        int type = Character.getType(cp);
        return type >= Character.UPPERCASE_LETTER && type <= Character.OTHER_LETTER
                || type >= Character.DECIMAL_DIGIT_NUMBER && type <= Character.OTHER_NUMBER;
    }

    /** {@code \p{L}}. */
    static boolean letter(int cp) {
        if (cp < 0x80) {
            return asciiLetter((char) cp);
        }
        int type = Character.getType(cp);
        return type >= Character.UPPERCASE_LETTER && type <= Character.OTHER_LETTER;
    }

    /** {@code \p{M}}. */
    static boolean mark(int cp) {
        if (cp < 0x80) {
            return false;
        }
        int type = Character.getType(cp);
        return type >= Character.NON_SPACING_MARK && type <= Character.COMBINING_SPACING_MARK;
    }
}
