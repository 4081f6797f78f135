package dev.bulwark.guards.detect;

import static dev.bulwark.guards.detect.StreetChars.blank;
import static dev.bulwark.guards.detect.StreetChars.letter;
import static dev.bulwark.guards.detect.StreetChars.mark;

/**
 * A hand-written matcher for {@link AddressTails}'s locality piece (", Springfield, IL 62704", a next-line town),
 * with the result of its former pattern anchored at {@code from} in the region {@code [from, to)} with opaque
 * bounds (its lookaheads see nothing at or past {@code to}, nor a character pair that {@code to} cuts):
 * <pre>
 * OPEN (?:(?:ZIP[ \t]{1,2})?CAP(?:[ \t-]{1,2}(?:CAP(?![0-9])|PARTICLE)){0,3}+(?:,?[ \t]{1,2}\p{Lu}{2}(?![\p{L}]))?
 *     (?:,?[ \t]{1,2}ZIP)?|\p{Lu}{2}(?:[ \t]{1,2}ZIP)?|ZIP)(?![\p{L}\p{N}])
 * </pre>
 * OPEN is blanks and a comma or a line break with more blanks, '>' and at most one comma after; every piece after
 * it starts with a digit or a capital, so OPEN's runs are taken whole. A further word right before a digit is the
 * start of a postcode ("Lake Moses GN6H 5PD"), not part of the town's name. CAP and the group of up to three further
 * words are possessive, each word the first way it matches. The choices left are the pattern's: the postcodes a
 * position starts (in the order of ZIP's alternatives, {@link Postcodes#ends}), and each optional piece with, then without.
 */
final class Localities {
    private Localities() {}

    private static final String[] PARTICLES = {"de", "da", "do", "dos", "das", "del", "della", "delle", "dei", "di",
            "du", "des", "la", "le", "les", "el", "y", "e", "von", "van", "der", "den", "am", "an", "im", "na", "nad",
            "pod", "sur", "sous", "lungo"};

    /** The end of the locality at {@code from} within {@code to}, or -1. */
    static int match(String text, int from, int to) {
        int b = open(text, from, to);
        if (b < 0) {
            return -1;
        }
        int[] ends = new int[Postcodes.ENDS];
        int n = Postcodes.ends(text, b, to, ends);
        for (int z = 0; z < n; z++) {
            int p = blanks(text, ends[z], to, 2);
            int end = p > ends[z] ? named(text, p, to) : -1;
            if (end >= 0) {
                return end;
            }
        }
        int end = named(text, b, to);
        if (end >= 0) {
            return end;
        }
        int q = capitals(text, b, to);
        if (q >= 0) {
            end = zipThenEnd(text, q, to, false);
            if (end >= 0) {
                return end;
            }
            if (!letterOrNumberAt(text, q, to)) {
                return q;
            }
        }
        for (int z = 0; z < n; z++) {
            if (!letterOrNumberAt(text, ends[z], to)) {
                return ends[z];
            }
        }
        return -1;
    }

    /** OPEN at {@code from}: where it ends, or -1. */
    private static int open(String text, int from, int to) {
        int k = from;
        while (k < to && blank(text.charAt(k))) {
            k++;
        }
        if (k < to && text.charAt(k) == ',') {
            k = skipBlanks(text, k + 1, to);
            int nl = lineBreak(text, k, to);
            return nl < 0 ? k : skipQuoted(text, nl, to);
        }
        int nl = lineBreak(text, k, to);
        if (nl < 0) {
            return -1;
        }
        k = skipQuoted(text, nl, to);
        return k < to && text.charAt(k) == ',' ? skipBlanks(text, k + 1, to) : k;
    }

    /** {@code \r?\n} at {@code k}: its end, or -1. */
    private static int lineBreak(String text, int k, int to) {
        if (k < to && text.charAt(k) == '\r') {
            k++;
        }
        return k < to && text.charAt(k) == '\n' ? k + 1 : -1;
    }

    /**
     * CAP, the further words, the optional region letters and postcode and the lookahead, at {@code p}: the end, or
     * -1.
     */
    private static int named(String text, int p, int to) {
        int c = capitalised(text, p, to);
        if (c < 0) {
            return -1;
        }
        for (int w = 0; w < 3; w++) {
            int next = furtherWord(text, c, to);
            if (next < 0) {
                break;
            }
            c = next;
        }
        int r = region(text, c, to);
        if (r >= 0) {
            int end = zipThenEnd(text, r, to, true);
            if (end >= 0) {
                return end;
            }
            if (!letterOrNumberAt(text, r, to)) {
                return r;
            }
        }
        int end = zipThenEnd(text, c, to, true);
        if (end >= 0) {
            return end;
        }
        return letterOrNumberAt(text, c, to) ? -1 : c;
    }

    /** {@code [ \t-]{1,2}(?:CAP(?![0-9])|PARTICLE)}, the first way it matches at {@code p}: its end, or -1. */
    private static int furtherWord(String text, int p, int to) {
        int s = p;
        while (s < to && s - p < 2 && (blank(text.charAt(s)) || text.charAt(s) == '-')) {
            s++;
        }
        for (int q = s; q > p; q--) {
            int end = capitalised(text, q, to);
            if (end >= 0 && end < to && digit(text.charAt(end))) {
                end = -1;
            }
            if (end < 0) {
                end = particle(text, q, to);
            }
            if (end >= 0) {
                return end;
            }
        }
        return -1;
    }

    /** The first of {@link #PARTICLES} at {@code p} that fits before {@code to}: its end, or -1. */
    private static int particle(String text, int p, int to) {
        for (String particle : PARTICLES) {
            if (p + particle.length() <= to && text.startsWith(particle, p)) {
                return p + particle.length();
            }
        }
        return -1;
    }

    /** {@code ,?[ \t]{1,2}\p{Lu}{2}(?![\p{L}])} at {@code p}: its end, or -1. */
    private static int region(String text, int p, int to) {
        int q = p < to && text.charAt(p) == ',' ? p + 1 : p;
        int s = blanks(text, q, to, 2);
        if (s == q) {
            return -1;
        }
        int e = capitals(text, s, to);
        if (e < 0 || e < to && e + Character.charCount(text.codePointAt(e)) <= to && letter(text.codePointAt(e))) {
            return -1;
        }
        return e;
    }

    /**
     * {@code ,?[ \t]{1,2}ZIP(?![\p{L}\p{N}])} at {@code p} (without {@code comma}, {@code [ \t]{1,2}ZIP}): the end
     * of the first postcode the lookahead accepts, or -1.
     */
    private static int zipThenEnd(String text, int p, int to, boolean comma) {
        int q = comma && p < to && text.charAt(p) == ',' ? p + 1 : p;
        int s = blanks(text, q, to, 2);
        if (s == q) {
            return -1;
        }
        int[] ends = new int[Postcodes.ENDS];
        int n = Postcodes.ends(text, s, to, ends);
        for (int z = 0; z < n; z++) {
            if (!letterOrNumberAt(text, ends[z], to)) {
                return ends[z];
            }
        }
        return -1;
    }

    /** {@code \p{Lu}{2}} at {@code p}: its end, or -1. */
    private static int capitals(String text, int p, int to) {
        for (int n = 0; n < 2; n++) {
            if (p >= to) {
                return -1;
            }
            int cp = text.codePointAt(p);
            int next = p + Character.charCount(cp);
            if (next > to || Character.getType(cp) != Character.UPPERCASE_LETTER) {
                return -1;
            }
            p = next;
        }
        return p;
    }

    /**
     * CAP ({@code \p{Lu}[\p{L}\p{M}'’.-]{0,30}+}) at {@code p}: an upper-case letter and up to thirty letters, marks,
     * {@code '’.-}, all taken; its end, or -1.
     */
    private static int capitalised(String text, int p, int to) {
        if (p >= to) {
            return -1;
        }
        int cp = text.codePointAt(p);
        int q = p + Character.charCount(cp);
        if (q > to || Character.getType(cp) != Character.UPPERCASE_LETTER) {
            return -1;
        }
        for (int n = 0; n < 30 && q < to; n++) {
            char c = text.charAt(q);
            if (c < 0x80) {
                if (!GermanicStreets.asciiWordPart(c)) {
                    break;
                }
                q++;
                continue;
            }
            cp = text.codePointAt(q);
            int next = q + Character.charCount(cp);
            if (next > to || !(letter(cp) || mark(cp) || cp == '\'' || cp == '’' || cp == '.' || cp == '-')) {
                break;
            }
            q = next;
        }
        return q;
    }

    private static int skipBlanks(String text, int k, int to) {
        while (k < to && blank(text.charAt(k))) {
            k++;
        }
        return k;
    }

    /** {@code [ \t>]*} at {@code k}: its end. */
    private static int skipQuoted(String text, int k, int to) {
        while (k < to && (blank(text.charAt(k)) || text.charAt(k) == '>')) {
            k++;
        }
        return k;
    }

    /** {@code [ \t]{1,max}} taken greedily at {@code p}: its end ({@code p} when there is no blank). */
    private static int blanks(String text, int p, int to, int max) {
        int q = p;
        while (q < to && q - p < max && blank(text.charAt(q))) {
            q++;
        }
        return q;
    }

    /** The lookahead {@code (?![\p{L}\p{N}])} fails at {@code q}: a letter or number wholly before {@code to}. */
    private static boolean letterOrNumberAt(String text, int q, int to) {
        if (q >= to) {
            return false;
        }
        int cp = text.codePointAt(q);
        if (q + Character.charCount(cp) > to) {
            return false;
        }
        if (cp < 0x80) {
            return cp >= 'a' && cp <= 'z' || upper((char) cp) || digit((char) cp);
        }
        int type = Character.getType(cp);
        return type >= Character.UPPERCASE_LETTER && type <= Character.OTHER_LETTER
                || type >= Character.DECIMAL_DIGIT_NUMBER && type <= Character.OTHER_NUMBER;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
