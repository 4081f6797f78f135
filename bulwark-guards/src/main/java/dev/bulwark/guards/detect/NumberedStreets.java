package dev.bulwark.guards.detect;

/**
 * A hand-written matcher for {@link AddressRecognizer}'s numbered shape ("12 Main 4", "3 Rue de la Paix 7"), with the
 * result of its former pattern anchored at a start (region to the end of the text, transparent bounds):
 * <pre>
 * (?&lt;![\w.,-])\d{1,6}[ \t]{1,3}+(?:WORD[ \t-]{1,3}+){0,3}?WORD(?:[ \t]{1,3}+PARTICLE[ \t]{1,3}+CAP)?
 *     [ \t]{1,3}+\d{1,4}[A-Za-z]?(?![\p{L}\p{N}]|[.,]\d)
 * </pre>
 * with WORD {@code [\p{L}][\p{L}\p{M}'’.-]{0,30}+}, CAP the same after {@code \p{Lu}}. Every piece is possessive or
 * has one way to succeed (digit runs are taken whole, a particle must be a whole blank-ended word), so the only
 * choices are the pattern's own: zero to three leading words (fewest first), then with the particle before without.
 */
final class NumberedStreets {
    private NumberedStreets() {}

    private static final String[] PARTICLES = {"de", "da", "do", "dos", "das", "del", "della", "delle", "dei", "di",
            "du", "des", "la", "le", "les", "el", "y", "e", "von", "van", "der", "den", "am", "an", "im", "na", "nad",
            "pod", "sur", "sous", "lungo"};

    /** The end of the match starting at {@code i}, or -1. */
    static int match(String text, int i) {
        if (i > 0 && "_.,-".indexOf(text.charAt(i - 1)) >= 0 || i > 0 && asciiLetterOrDigit(text.charAt(i - 1))) {
            return -1;
        }
        int run = digits(text, i);
        if (run < 1 || run > 6) {
            return -1;
        }
        int p = blanks(text, i + run, false);
        if (p < 0) {
            return -1;
        }
        for (int leading = 0; leading <= 3; leading++) {
            int q = p;
            for (int w = 0; w < leading && q >= 0; w++) {
                q = word(text, q, false);
                q = q < 0 ? -1 : blanks(text, q, true);
            }
            if (q < 0) {
                return -1;
            }
            int last = word(text, q, false);
            if (last < 0) {
                continue;
            }
            int end = tail(text, particle(text, last));
            if (end < 0) {
                end = tail(text, last);
            }
            if (end >= 0) {
                return end;
            }
        }
        return -1;
    }

    /** After the last word: blanks, a particle, blanks and a capitalised word; its end, or -1. */
    private static int particle(String text, int from) {
        int p = blanks(text, from, false);
        if (p < 0) {
            return -1;
        }
        char first = p < text.length() ? text.charAt(p) : 0;
        for (String particle : PARTICLES) {
            if (particle.charAt(0) != first) {
                continue;
            }
            int e = p + particle.length();
            if (text.startsWith(particle, p) && e < text.length() && blank(text.charAt(e))) {
                int q = blanks(text, e, false);
                return word(text, q, true);
            }
        }
        return -1;
    }

    /** Blanks, a house number of up to four digits and an optional ASCII letter, then the lookahead; the end or -1. */
    private static int tail(String text, int from) {
        if (from < 0) {
            return -1;
        }
        int p = blanks(text, from, false);
        if (p < 0) {
            return -1;
        }
        int run = digits(text, p);
        if (run < 1 || run > 4) {
            return -1;
        }
        int end = p + run;
        if (end < text.length() && asciiLetter(text.charAt(end))) {
            end++;
        }
        return ends(text, end) ? end : -1;
    }

    /** {@code (?![\p{L}\p{N}]|[.,]\d)} at {@code end}. */
    private static boolean ends(String text, int end) {
        if (end >= text.length()) {
            return true;
        }
        int type = Character.getType(text.codePointAt(end));
        boolean letterOrNumber = type >= Character.UPPERCASE_LETTER && type <= Character.OTHER_LETTER
                || type >= Character.DECIMAL_DIGIT_NUMBER && type <= Character.OTHER_NUMBER;
        char c = text.charAt(end);
        return !letterOrNumber && !((c == '.' || c == ',') && end + 1 < text.length() && digit(text.charAt(end + 1)));
    }

    /**
     * {@code [ \t]{1,3}+} (with {@code hyphens}, {@code [ \t-]{1,3}+}) at {@code i}: where it ends, or -1 when there is
     * none.
     */
    private static int blanks(String text, int i, boolean hyphens) {
        int j = i;
        while (j < text.length() && j - i < 3 && (blank(text.charAt(j)) || hyphens && text.charAt(j) == '-')) {
            j++;
        }
        return j > i ? j : -1;
    }

    /**
     * WORD ({@code capital}: CAP) at {@code i}: a letter (an upper-case one), then up to thirty letters, marks,
     * apostrophes, full stops or hyphens, all taken; counted in code points. Its end, or -1.
     */
    private static int word(String text, int i, boolean capital) {
        if (i < 0 || i >= text.length()) {
            return -1;
        }
        int cp = text.codePointAt(i);
        int type = Character.getType(cp);
        if (capital ? type != Character.UPPERCASE_LETTER
                : type < Character.UPPERCASE_LETTER || type > Character.OTHER_LETTER) {
            return -1;
        }
        int j = i + Character.charCount(cp);
        for (int n = 0; n < 30 && j < text.length(); n++) {
            cp = text.codePointAt(j);
            if (!wordPart(cp)) {
                break;
            }
            j += Character.charCount(cp);
        }
        return j;
    }

    /** {@code [\p{L}\p{M}'’.-]}. */
    private static boolean wordPart(int cp) {
        if (cp < 0x80) {
            return asciiLetter((char) cp) || cp == '\'' || cp == '.' || cp == '-';
        }
        if (cp == '’') {
            return true;
        }
        int type = Character.getType(cp);
        return type >= Character.UPPERCASE_LETTER && type <= Character.OTHER_LETTER
                || type >= Character.NON_SPACING_MARK && type <= Character.COMBINING_SPACING_MARK;
    }

    private static int digits(String text, int i) {
        int j = i;
        while (j < text.length() && digit(text.charAt(j))) {
            j++;
        }
        return j - i;
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean asciiLetterOrDigit(char c) {
        return asciiLetter(c) || digit(c);
    }
}
