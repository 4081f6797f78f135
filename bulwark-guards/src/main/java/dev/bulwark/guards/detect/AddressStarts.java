package dev.bulwark.guards.detect;

import java.util.List;

/**
 * Cheap necessary conditions for {@link AddressRecognizer}'s shapes, checked at a start of the text (a number or a
 * word, see {@link TextShape}) before the shape's pattern runs there: a start failing a shape's check cannot begin
 * one of its matches.
 */
final class AddressStarts {
    private AddressStarts() {}

    /** Each match ends in a house number, a digit at most this far after its first word's start. */
    static final int NUMBER_WITHIN = 100;
    /** The words {@code ROMANCE_PREFIX} matches; a ROMANCE match starting at a letter starts with one of them. */
    private static final List<String> ROMANCE_WORDS = List.of("Rua", "Rue", "Via", "Viale",
            "Vicolo", "Calle", "Carrer", "Avenida", "Avda", "Avda.", "Av.", "Avenue", "Piazza", "Piazzale", "Plaza",
            "Praça", "Praca", "Travessa", "Largo", "Corso", "Strada", "Str.", "Ulica", "ul.", "Aleja", "al.",
            "Boulevard", "Bd", "Bd.", "Chemin", "Allée", "Allee", "Impasse", "Quai", "Place", "Camino", "Paseo",
            "Carretera", "Estrada", "Rodovia", "Alameda", "Ronda", "Cesta", "Trg", "Bulevar", "Odos", "Leoforos",
            "Sokak", "Sok.", "Caddesi", "Cad.", "Straße", "Strasse", "Utca", "Út");
    /** {@link #ROMANCE_WORDS} by their first two characters (first below U+0100, second ASCII). */
    private static final String[][] ROMANCE_BY_PREFIX = byPrefix(ROMANCE_WORDS);
    /** The keys of {@link #ROMANCE_BY_PREFIX} that hold words, as bits: a few cache lines instead of the table's. */
    private static final long[] ROMANCE_KEYS = keys(ROMANCE_BY_PREFIX);

    private static long[] keys(String[][] table) {
        long[] bits = new long[table.length / 64];
        for (int key = 0; key < table.length; key++) {
            if (table[key] != null) {
                bits[key >>> 6] |= 1L << key;
            }
        }
        return bits;
    }

    private static String[][] byPrefix(List<String> words) {
        String[][] table = new String[0x100 * 0x80][];
        for (String w : words) {
            if (w.length() < 2 || w.charAt(0) >= 0x100 || w.charAt(1) >= 0x80) {
                throw new IllegalStateException("romance word outside the prefix table: " + w);
            }
            int key = w.charAt(0) * 0x80 + w.charAt(1);
            String[] old = table[key];
            String[] grown = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = w;
            table[key] = grown;
        }
        return table;
    }

    /**
     * Whether the text at {@code i} up to the next space or tab is one of {@link #ROMANCE_WORDS}: one of them starts
     * there and a space or tab follows it (none holds a space or tab).
     */
    static boolean romanceWord(TextShape shape, int i) {
        return romanceWordEnd(shape.text(), i) >= 0;
    }

    /** Where the one of {@link #ROMANCE_WORDS} that {@link #romanceWord} finds at {@code i} ends, or -1. */
    static int romanceWordEnd(String text, int i) {
        char first = charAt(text, i);
        char second = charAt(text, i + 1);
        if (first >= 0x100 || second >= 0x80) {
            return -1;
        }
        int key = first * 0x80 + second;
        if ((ROMANCE_KEYS[key >>> 6] & 1L << key) == 0) {
            return -1;
        }
        for (String word : ROMANCE_BY_PREFIX[key]) {
            int end = i + word.length();
            char after = charAt(text, end);
            if ((after == ' ' || after == '\t') && text.startsWith(word, i)) {
                return end;
            }
        }
        return -1;
    }

    private static char charAt(String text, int i) {
        return i >= 0 && i < text.length() ? text.charAt(i) : 0;
    }

    /**
     * A GERMANIC match starting at a letter is one or two words (letters, marks, {@code '’.-}) apart by spaces,
     * tabs or hyphens, then spaces or tabs and a house number: at most two runs of spaces (hyphens aside) before
     * the first digit.
     */
    static boolean germanicWords(TextShape shape, int i) {
        String text = shape.text();
        int gaps = 0;
        boolean space = false;
        int limit = Math.min(text.length(), i + NUMBER_WITHIN);
        for (int j = i; j < limit; j++) {
            char c = text.charAt(j);
            if (c == ' ' || c == '\t') {
                if (!space && ++gaps > 2) {
                    return false;
                }
                space = true;
            } else if (c >= '0' && c <= '9') {
                return space;
            } else if (c == '-') {
                // Part of a word or of a separator ("Karl - Marx"): it neither opens nor closes a gap.
                continue;
            } else if (Character.isLetter(c) || c == '.' || c == '\'' || c == '’'
                    || Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.getType(c) == Character.COMBINING_SPACING_MARK
                    || Character.getType(c) == Character.ENCLOSING_MARK || Character.isSurrogate(c)) {
                space = false;
            } else {
                return false;
            }
        }
        return false;
    }

    /** Bits of {@link #shapesAt}: one per shape, at the shape's index in {@link AddressRecognizer}. */
    static final int ENGLISH = 1 << AddressRecognizer.ENGLISH_SHAPE;
    static final int ROMANCE = 1 << AddressRecognizer.ROMANCE_SHAPE;
    static final int GERMANIC = 1 << AddressRecognizer.GERMANIC_SHAPE;
    static final int BOX = 1 << AddressRecognizer.BOX_SHAPE;
    static final int SHIP = 1 << AddressRecognizer.SHIP_SHAPE;
    static final int NUMBERED = 1 << AddressRecognizer.NUMBERED_SHAPE;

    /**
     * The shapes whose match can begin at the start {@code i} of kind {@code kind}, as bits, by necessary checks
     * that share the work on the number or word there. GERMANIC at a word is left to {@link #germanicWords}, which
     * only texts with a street name need.
     */
    static int shapesAt(TextShape shape, int i, int kind) {
        return shapesAt(shape, i, kind, new EnglishStreetTypes.Ahead(shape));
    }

    /** {@link #shapesAt(TextShape, int, int)} with the street-type look-ahead of this text's earlier starts. */
    static int shapesAt(TextShape shape, int i, int kind, EnglishStreetTypes.Ahead ahead) {
        if (kind == TextShape.WORD) {
            char c = shape.text().charAt(i);
            int bits = romanceWord(shape, i) ? ROMANCE : 0;
            char lower = (char) (c | 0x20);
            if ((lower == 'p' || lower == 'u' || lower == 'c' || lower == 'a' || lower == 'b')
                    && boxStart(shape, i)) {
                bits |= BOX;
            }
            return c == 'U' && shipStart(shape, i) ? bits | SHIP : bits;
        }
        if (kind != TextShape.DIGITS) {
            return 0;
        }
        // Every shape starting at a number takes a run of at most six digits whole ({@code \d{1,6}}, then no digit).
        int run = shape.digitRun(i);
        if (run > 6) {
            return 0;
        }
        int end = numberEnd(shape, i, run);
        int blanksEnd = skip(shape, end, false);
        int bits = 0;
        if (blanksEnd > end) {
            // ENGLISH: the number and blanks, then a capital, a digit or a compass letter before the street type.
            char c = shape.at(blanksEnd);
            if ((Character.isUpperCase(c) || digit(c) || Character.isHighSurrogate(c))
                    && ahead.at(blanksEnd)) {
                bits |= ENGLISH;
            }
            char afterDigits = shape.at(i + run);
            bits |= wordsToNumber(shape, blanksEnd, afterDigits == ' ' || afterDigits == '\t');
        }
        // ROMANCE: the number, blanks or commas, then one of ROMANCE_WORDS.
        int commasEnd = skip(shape, blanksEnd, true);
        if (commasEnd > end && romanceWord(shape, commasEnd)) {
            bits |= ROMANCE;
        }
        return bits;
    }

    /**
     * GERMANIC and NUMBERED at a number, after the number and its blanks ({@code j}): both go on over words and
     * blanks (letters, marks, {@code '’.-}, surrogates, spaces, tabs) to a second number, so one walk to the first
     * other character serves both. GERMANIC's street name and optional capitalised word begin with a letter and are
     * as {@link #germanicWords} requires: at most two runs of blanks, the last right before the digit (a hyphen
     * between neither opens nor closes a run), within {@link #NUMBER_WITHIN}. NUMBERED needs its blanks right after
     * the digits ({@code numbered}) and a blank right before the second number's first digit.
     */
    private static int wordsToNumber(TextShape shape, int j, boolean numbered) {
        String text = shape.text();
        int gaps = 0;
        boolean space = false;
        boolean blank = false;
        for (int k = j; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == ' ' || c == '\t') {
                if (!space) {
                    gaps++;
                }
                space = true;
                blank = true;
            } else if (digit(c)) {
                int bits = space && gaps <= 2 && k < j + NUMBER_WITHIN ? GERMANIC : 0;
                return numbered && blank ? bits | NUMBERED : bits;
            } else if (c == '-') {
                blank = false;
            } else if (c == '.' || c == '\'' || c == '’' || wordChar(c)) {
                space = false;
                blank = false;
            } else {
                return 0;
            }
        }
        return 0;
    }

    /** A letter, a mark ({@code \p{M}}) or a surrogate. */
    private static boolean wordChar(char c) {
        if (c < 0x80) {
            return asciiLetter(c);
        }
        int type = Character.getType(c);
        return Character.isLetter(c) || Character.isSurrogate(c) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /** SHIP opens with a hull prefix and a space (case-sensitive). */
    static boolean shipStart(TextShape shape, int i) {
        String text = shape.text();
        return text.startsWith("USS ", i) || text.startsWith("USNS ", i) || text.startsWith("USNV ", i)
                || text.startsWith("USCGC ", i);
    }

    /**
     * Where a house number ({@code NUM}) at {@code i}, a run of {@code run} digits, ends when it takes every optional
     * piece it can: the only end after which a separator can follow, since any shorter end is followed by a letter,
     * digit, hyphen or slash.
     */
    private static int numberEnd(TextShape shape, int i, int run) {
        int j = i + run;
        if (asciiLetter(shape.at(j))) {
            j++;
        }
        char c = shape.at(j);
        if ((c == '-' || c == '/') && digit(shape.at(j + 1))) {
            j += 1 + shape.digitRun(j + 1);
            if (asciiLetter(shape.at(j))) {
                j++;
            }
        }
        return j;
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The end of the run of spaces and tabs (and, with {@code commas}, commas) at {@code j}. */
    private static int skip(TextShape shape, int j, boolean commas) {
        String text = shape.text();
        while (j < text.length()) {
            char c = text.charAt(j);
            if (c != ' ' && c != '\t' && !(commas && c == ',')) {
                break;
            }
            j++;
        }
        return j;
    }

    /**
     * The openings of a post-office, military or unit box ({@code BOX}): "P", an optional full stop and space, "O",
     * an optional full stop and space and "Box"; "Post Office Box" or "Postal Office Box"; "PSC ", "Unit " or
     * "CMR "; "POB", "Postfach", "Postbus", "Apartado", "Casella Postale", "Boîte Postale", or "BP" / "B.P." in
     * capitals (the pattern is ASCII case-insensitive; {@code regionMatches} folds a few more letters, which only
     * lets more starts through).
     */
    static boolean boxStart(TextShape shape, int i) {
        String text = shape.text();
        char c = (char) (text.charAt(i) | 0x20);
        if (c == 'p') {
            int j = i + 1;
            if (shape.at(j) == '.') {
                j++;
            }
            if (shape.at(j) == ' ') {
                j++;
            }
            if ((shape.at(j) | 0x20) == 'o') {
                j++;
                if (shape.at(j) == '.') {
                    j++;
                }
                if (shape.at(j) == ' ') {
                    j++;
                }
                if (text.regionMatches(true, j, "box", 0, 3)) {
                    return true;
                }
            }
            // "Post(al) Office Box", "POB", "Postfach", "Postbus" and "PSC " go on with an "o" or an "s".
            char second = (char) (shape.at(i + 1) | 0x20);
            return second == 'o' && text.regionMatches(true, i, "post office box", 0, 15)
                    || second == 'o' && text.regionMatches(true, i, "postal office box", 0, 17)
                    || second == 'o' && text.regionMatches(true, i, "pob", 0, 3)
                    || second == 'o' && text.regionMatches(true, i, "postfach", 0, 8)
                    || second == 'o' && text.regionMatches(true, i, "postbus", 0, 7)
                    || second == 's' && text.regionMatches(true, i, "psc ", 0, 4);
        }
        if (c == 'b') {
            // "BP" (boîte postale) only in capitals; "Boîte Postale" in any case.
            return text.charAt(i) == 'B' && (shape.at(i + 1) == 'P' || shape.at(i + 1) == '.' && shape.at(i + 2) == 'P')
                    || text.regionMatches(true, i, "boite postale", 0, 13)
                    || text.regionMatches(true, i, "boîte postale", 0, 13);
        }
        return c == 'u' && text.regionMatches(true, i, "unit ", 0, 5)
                || c == 'c' && text.regionMatches(true, i, "cmr ", 0, 4)
                || c == 'c' && text.regionMatches(true, i, "casella postale", 0, 15)
                || c == 'a' && text.regionMatches(true, i, "apartado", 0, 8);
    }
}
