package dev.bulwark.guards.detect;

import static dev.bulwark.guards.detect.StreetChars.at;
import static dev.bulwark.guards.detect.StreetChars.blank;

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
        if (StreetChars.wordDotOrHyphenBefore(text, i)) {
            return -1;
        }
        int p = HouseNumbers.thenBlanks(text, i, ',');
        if (p >= 0) {
            int end = fromPrefix(text, p);
            if (end >= 0) {
                return end;
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
        return HouseNumbers.ending(text, q, false);
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
}
