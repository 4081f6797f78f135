package dev.bulwark.guards.detect;

import static dev.bulwark.guards.detect.StreetChars.letter;
import static dev.bulwark.guards.detect.StreetChars.letterOrNumber;
import static dev.bulwark.guards.detect.StreetChars.mark;

/**
 * A hand-written matcher for {@link AddressRecognizer}'s Germanic shape ("Hauptstraße 5", "Erzsébet tér 19"), with
 * the result of its former pattern anchored at a start (region to the end of the text, transparent bounds):
 * <pre>
 * (?&lt;![\p{L}\p{N}.-])(?:NUM[ \t]{1,3}+)?(?:(CAP)[ \t-]{1,3}+)?([\p{L}][\p{L}\p{M}.-]{0,40}+)[ \t]{1,3}+NUM\.?
 *     (?![\p{L}\p{N}])
 * </pre>
 * with NUM {@code \d{1,6}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?} and CAP {@code \p{Lu}[\p{L}\p{M}'’.-]{0,30}+}. The word
 * runs are possessive and a digit run taken short leaves a digit where a letter, separator or the lookahead's
 * non-number must be, so the only choices are the optional leading number and capitalised word (each tried with,
 * then without) and, in the last number, the optional {@code [-/]} piece and full stop.
 */
final class GermanicStreets {
    private GermanicStreets() {}

    /** A match: its end, whether the capitalised word (group 1) was taken and the street name's (group 2) span. */
    record Match(int end, boolean capitalised, int nameStart, int nameEnd) {}

    /** The match starting at {@code i}, or null. */
    static Match match(String text, int i) {
        if (i > 0 && blocksBefore(text.charAt(i - 1))) {
            return null;
        }
        int afterNumber = numberThenBlanks(text, i);
        if (afterNumber >= 0) {
            Match m = fromWord(text, afterNumber);
            if (m != null) {
                return m;
            }
        }
        return fromWord(text, i);
    }

    /** The rest after the optional leading number: the optional capitalised word, then the name and its number. */
    private static Match fromWord(String text, int p) {
        int cap = capitalised(text, p);
        if (cap >= 0) {
            int q = separators(text, cap);
            if (q >= 0) {
                Match m = named(text, q, true);
                if (m != null) {
                    return m;
                }
            }
        }
        return named(text, p, false);
    }

    /** The street name at {@code p}, blanks and the house number with the lookahead after it; null when none. */
    private static Match named(String text, int p, boolean capitalised) {
        if (p >= text.length() || !letter(text.codePointAt(p))) {
            return null;
        }
        int q = p + Character.charCount(text.codePointAt(p));
        for (int n = 0; n < 40 && q < text.length(); n++) {
            int cp = text.codePointAt(q);
            if (!(letter(cp) || mark(cp) || cp == '.' || cp == '-')) {
                break;
            }
            q += Character.charCount(cp);
        }
        int b = blanks(text, q);
        if (b < 0) {
            return null;
        }
        int end = HouseNumbers.ending(text, b, true);
        return end < 0 ? null : new Match(end, capitalised, p, q);
    }

    /** {@code NUM[ \t]{1,3}+} at {@code i}: where it ends, or -1. */
    static int numberThenBlanks(String text, int i) {
        return HouseNumbers.thenBlanks(text, i, ' ');
    }

    /** CAP at {@code p}: an upper-case letter and up to thirty letters, marks, {@code '’.-}; its end or -1. */
    static int capitalised(String text, int p) {
        if (p >= text.length() || Character.getType(text.codePointAt(p)) != Character.UPPERCASE_LETTER) {
            return -1;
        }
        return wordRest(text, p + Character.charCount(text.codePointAt(p)));
    }

    /** {@code [\p{L}\p{M}'’.-]{0,30}+} at {@code q}: up to thirty letters, marks, {@code '’.-}, all taken; the end. */
    static int wordRest(String text, int q) {
        for (int n = 0; n < 30 && q < text.length(); n++) {
            char c = text.charAt(q);
            if (c < 0x80) {
                if (!asciiWordPart(c)) {
                    break;
                }
                q++;
                continue;
            }
            int cp = text.codePointAt(q);
            if (!(letter(cp) || mark(cp) || cp == '\'' || cp == '’' || cp == '.' || cp == '-')) {
                break;
            }
            q += Character.charCount(cp);
        }
        return q;
    }

    /** {@code [ \t-]{1,3}+} at {@code p}: its end or -1. */
    private static int separators(String text, int p) {
        return StreetChars.blanks(text, p, '-');
    }

    /** {@code [ \t]{1,3}+} at {@code p}: its end or -1. */
    static int blanks(String text, int p) {
        return StreetChars.blanks(text, p, ' ');
    }

    /**
     * The lookbehind reads the one char before the start: a surrogate (half of a pair) is never a letter or number
     * there.
     */
    private static boolean blocksBefore(char c) {
        return c == '.' || c == '-' || !Character.isSurrogate(c) && letterOrNumber(c);
    }

    /** The ASCII characters of {@code [\p{L}\p{M}'’.-]}. */
    static boolean asciiWordPart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '\'' || c == '.' || c == '-';
    }
}
