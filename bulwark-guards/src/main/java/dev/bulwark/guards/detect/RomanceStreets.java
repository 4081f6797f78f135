package dev.bulwark.guards.detect;

/**
 * A hand-written matcher for {@link AddressRecognizer}'s Romance shape ("Rua Augusta 10", "3, Via del Corso 12"),
 * with the result of its former pattern anchored at a start (region to the end of the text, transparent bounds):
 * <pre>
 * (?&lt;![\w.-])(?:NUM[ \t,]{1,3}+)?PREFIX[ \t]{1,3}+(?:(?:WORD|PARTICLE)[ \t]{1,3}+){0,5}?CAP,?[ \t]{1,3}+
 *     (?:n[º°o]\.?[ \t]?)?NUM(?![\p{L}\p{N}])
 * </pre>
 * with NUM and CAP as in {@link GermanicStreets}, PREFIX one of the street words of {@link AddressStarts#romanceWord}
 * and WORD {@code [\p{L}][\p{L}\p{M}'’.-]{0,30}+}. A prefix must be followed by a blank, so it is the text up to the
 * blank; a particle followed by a blank is a whole word, so it ends where WORD does; "n°" with its full stop and
 * blank must be followed by the number's digit, so each is taken when present. The choices left are the leading
 * number (with, then without) and zero to five words before the capitalised one (fewest first).
 */
final class RomanceStreets {
    private RomanceStreets() {}

    /** The end of the match starting at {@code i}, or -1. */
    static int match(String text, int i) {
        if (i > 0) {
            char before = text.charAt(i - 1);
            if (before == '.' || before == '-' || before == '_' || before < 0x80 && Character.isLetterOrDigit(before)) {
                return -1;
            }
        }
        int number = numberEnd(text, i);
        if (number > i) {
            int p = number;
            while (p < text.length() && p - number < 3 && (blank(text.charAt(p)) || text.charAt(p) == ',')) {
                p++;
            }
            if (p > number) {
                int end = fromPrefix(text, p);
                if (end >= 0) {
                    return end;
                }
            }
        }
        return fromPrefix(text, i);
    }

    /** PREFIX, its blanks, the words and the tail at {@code p}. */
    private static int fromPrefix(String text, int p) {
        int prefix = AddressStarts.romanceWordEnd(text, p);
        if (prefix < 0) {
            return -1;
        }
        int r = GermanicStreets.blanks(text, prefix);
        for (int words = 0; words <= 5; words++) {
            int end = tail(text, r);
            if (end >= 0 || words == 5) {
                return end;
            }
            int w = word(text, r);
            r = w < 0 ? -1 : GermanicStreets.blanks(text, w);
            if (r < 0) {
                return -1;
            }
        }
        return -1;
    }

    /** {@code CAP,?[ \t]{1,3}+(?:n[º°o]\.?[ \t]?)?NUM(?![\p{L}\p{N}])} at {@code p}: the end, or -1. */
    private static int tail(String text, int p) {
        int c = GermanicStreets.capitalised(text, p);
        if (c < 0) {
            return -1;
        }
        if (at(text, c) == ',') {
            c++;
        }
        int q = GermanicStreets.blanks(text, c);
        if (q < 0) {
            return -1;
        }
        char sign = at(text, q + 1);
        if (at(text, q) == 'n' && (sign == 'º' || sign == '°' || sign == 'o')) {
            q += 2;
            if (at(text, q) == '.') {
                q++;
            }
            if (blank(at(text, q))) {
                q++;
            }
        }
        return houseNumber(text, q);
    }

    /**
     * {@code NUM(?![\p{L}\p{N}])} at {@code i}: the end or -1. The {@code [-/]} piece is tried first; when it fails,
     * the match ends before the hyphen or slash, which is neither letter nor number.
     */
    private static int houseNumber(String text, int i) {
        int run = digits(text, i);
        if (run < 1 || run > 6) {
            return -1;
        }
        int p = i + run;
        if (asciiLetter(at(text, p))) {
            p++;
        }
        char c = at(text, p);
        if (c == '-' || c == '/') {
            int r = digits(text, p + 1);
            if (r >= 1 && r <= 4) {
                int q = p + 1 + r;
                if (asciiLetter(at(text, q))) {
                    q++;
                }
                if (!GermanicStreets.letterOrNumberAt(text, q)) {
                    return q;
                }
            }
            return p;
        }
        return GermanicStreets.letterOrNumberAt(text, p) ? -1 : p;
    }

    /**
     * NUM at {@code i} taking every optional piece it can ({@code i} when no number starts there): the only end a
     * separator can follow, any shorter one being followed by a letter, digit, hyphen or slash.
     */
    private static int numberEnd(String text, int i) {
        int run = digits(text, i);
        if (run < 1 || run > 6) {
            return i;
        }
        int j = i + run;
        if (asciiLetter(at(text, j))) {
            j++;
        }
        char c = at(text, j);
        int r = c == '-' || c == '/' ? digits(text, j + 1) : 0;
        if (r >= 1 && r <= 4) {
            j += 1 + r;
            if (asciiLetter(at(text, j))) {
                j++;
            }
        }
        return j;
    }

    /** WORD at {@code p}: a letter, then up to thirty letters, marks, {@code '’.-}, all taken; its end, or -1. */
    private static int word(String text, int p) {
        if (p >= text.length()) {
            return -1;
        }
        int cp = text.codePointAt(p);
        int type = Character.getType(cp);
        if (type < Character.UPPERCASE_LETTER || type > Character.OTHER_LETTER) {
            return -1;
        }
        return GermanicStreets.wordRest(text, p + Character.charCount(cp));
    }

    private static int digits(String text, int i) {
        int j = i;
        while (j < text.length() && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
            j++;
        }
        return j - i;
    }

    private static char at(String text, int i) {
        return i < text.length() ? text.charAt(i) : 0;
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
