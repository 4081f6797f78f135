package dev.bulwark.guards.detect;

import static dev.bulwark.guards.detect.StreetChars.at;
import static dev.bulwark.guards.detect.StreetChars.digits;
import static dev.bulwark.guards.detect.StreetChars.letterOrNumberAt;

import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written matcher for {@link AddressRecognizer}'s English shape ("221B Baker Street", "12 N Oak Ave."), with
 * the result of its former pattern anchored at a start (region to the end of the text, transparent bounds):
 * <pre>
 * (?&lt;![\w.-])(?:\d{1,6}[ \t]{1,3}+)?NUM[ \t]{1,3}+(?:[NSEW]\.?[ \t]{1,3}+)?
 *     (?:(?:CAP|\d{1,3}(?:st|nd|rd|th))[ \t]{1,3}+){1,4}?TYPES(?:[ \t]{1,3}+(?:[NSEW]{1,2})\.?)?(?![\p{L}\p{N}])
 * </pre>
 * with NUM and CAP as in {@link GermanicStreets} and TYPES {@code AddressRecognizer.EN_TYPES}. Digit runs are taken
 * whole and the words and blanks are possessive, so the choices are the pattern's own: the leading number and the
 * compass letter (each with, then without), one to four words (fewest first), the street types in their order, each
 * with its plural "s" or full stop then without, and the compass suffix (two letters, then one, then none).
 */
final class EnglishStreets {
    private EnglishStreets() {}

    /** Street types by first letter A-Z, in the pattern's order; each with whether it takes "s" (else "."). */
    private static final String[][] TYPES = new String[26][];
    private static final boolean[][] PLURAL = new boolean[26][];

    static {
        List<List<String>> lists = EnglishStreetTypes.alternatives(AddressRecognizer.EN_TYPES);
        for (int letter = 0; letter < 26; letter++) {
            List<String> words = new ArrayList<>();
            List<Boolean> plural = new ArrayList<>();
            for (int kind = 0; kind < 2; kind++) {
                for (String word : lists.get(kind)) {
                    if (word.charAt(0) == 'A' + letter) {
                        words.add(word);
                        plural.add(kind == 0);
                    }
                }
            }
            TYPES[letter] = words.toArray(String[]::new);
            PLURAL[letter] = new boolean[words.size()];
            for (int k = 0; k < words.size(); k++) {
                PLURAL[letter][k] = plural.get(k);
            }
        }
    }

    /** The end of the match starting at {@code i}, or -1. */
    static int match(String text, int i) {
        if (StreetChars.wordDotOrHyphenBefore(text, i)) {
            return -1;
        }
        int p = leadingNumber(text, i);
        if (p >= 0) {
            int end = fromNumber(text, p);
            if (end >= 0) {
                return end;
            }
        }
        return fromNumber(text, i);
    }

    /** {@code \d{1,6}[ \t]{1,3}+} at {@code i}: its end, or -1. */
    private static int leadingNumber(String text, int i) {
        int lead = digits(text, i);
        return lead >= 1 && lead <= 6 ? GermanicStreets.blanks(text, i + lead) : -1;
    }

    /** NUM, its blanks and the rest at {@code p}. */
    private static int fromNumber(String text, int p) {
        int q = GermanicStreets.numberThenBlanks(text, p);
        if (q < 0) {
            return -1;
        }
        char c = at(text, q);
        if (c == 'N' || c == 'S' || c == 'E' || c == 'W') {
            int r = at(text, q + 1) == '.' ? q + 2 : q + 1;
            int s = GermanicStreets.blanks(text, r);
            if (s >= 0) {
                int end = words(text, s);
                if (end >= 0) {
                    return end;
                }
            }
        }
        return words(text, q);
    }

    /** One to four words with their blanks, fewest first, each followed by a try of the street type. */
    private static int words(String text, int p) {
        for (int n = 0; n < 4; n++) {
            int w = word(text, p);
            if (w < 0) {
                return -1;
            }
            p = GermanicStreets.blanks(text, w);
            if (p < 0) {
                return -1;
            }
            int end = type(text, p);
            if (end >= 0) {
                return end;
            }
        }
        return -1;
    }

    /** CAP or {@code \d{1,3}(?:st|nd|rd|th)} at {@code p}: its end, or -1. */
    private static int word(String text, int p) {
        int run = digits(text, p);
        if (run > 0) {
            if (run > 3) {
                return -1;
            }
            char a = at(text, p + run);
            char b = at(text, p + run + 1);
            return a == 's' && b == 't' || a == 'n' && b == 'd' || a == 'r' && b == 'd' || a == 't' && b == 'h'
                    ? p + run + 2 : -1;
        }
        return GermanicStreets.capitalised(text, p);
    }

    /** A street type at {@code p} and what may follow it, the first way that ends well: the end, or -1. */
    private static int type(String text, int p) {
        char first = at(text, p);
        if (first < 'A' || first > 'Z') {
            return -1;
        }
        String[] words = TYPES[first - 'A'];
        boolean[] plural = PLURAL[first - 'A'];
        for (int k = 0; k < words.length; k++) {
            if (!text.startsWith(words[k], p)) {
                continue;
            }
            int e = p + words[k].length();
            if (at(text, e) == (plural[k] ? 's' : '.')) {
                int end = suffix(text, e + 1);
                if (end >= 0) {
                    return end;
                }
            }
            int end = suffix(text, e);
            if (end >= 0) {
                return end;
            }
        }
        return -1;
    }

    /** {@code (?:[ \t]{1,3}+(?:[NSEW]{1,2})\.?)?(?![\p{L}\p{N}])} at {@code e}: the end, or -1. */
    private static int suffix(String text, int e) {
        int b = GermanicStreets.blanks(text, e);
        if (b >= 0 && compass(at(text, b))) {
            for (int n = compass(at(text, b + 1)) ? 2 : 1; n >= 1; n--) {
                int q = b + n;
                if (at(text, q) == '.' && !letterOrNumberAt(text, q + 1)) {
                    return q + 1;
                }
                if (!letterOrNumberAt(text, q)) {
                    return q;
                }
            }
        }
        return letterOrNumberAt(text, e) ? -1 : e;
    }

    private static boolean compass(char c) {
        return c == 'N' || c == 'S' || c == 'E' || c == 'W';
    }
}
