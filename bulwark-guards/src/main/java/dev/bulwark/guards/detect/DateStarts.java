package dev.bulwark.guards.detect;

/**
 * Which of {@link DateRecognizer}'s shapes can begin at a start of the text. The checks for the written-date
 * pattern follow from its shape, so a start that fails one cannot begin a match; the pattern is ASCII
 * case-insensitive ({@code CASE_INSENSITIVE} without {@code UNICODE_CASE}), so only ASCII letters fold.
 */
final class DateStarts {
    private DateStarts() {}

    /** Bits of {@link #shapesAt}, one per shape of {@link DateRecognizer}. */
    static final int ISO = 1;
    static final int NUMERIC = 2;
    static final int WRITTEN = 4;
    static final int WEEKDAY = 8;
    static final int YEAR = 16;

    /**
     * The shapes whose match can begin at the start {@code i} of kind {@code kind}, as bits. All but WEEKDAY end in
     * digits, so without {@code digits} in the text only WEEKDAY is looked for. NUMERIC, WEEKDAY and YEAR, matched
     * by hand ({@link DateScanners}), are exact here; ISO and WRITTEN are necessary checks before their patterns.
     */
    static int shapesAt(TextShape shape, int i, int kind, boolean digits) {
        String text = shape.text();
        if (kind == TextShape.WORD) {
            if (!openers(shape, i)) {
                return 0;
            }
            int bits = DateScanners.weekday(text, i) >= 0 ? WEEKDAY : 0;
            return digits && monthThenNumber(shape, i) ? bits | WRITTEN : bits;
        }
        if (kind != TextShape.DIGITS) {
            return 0;
        }
        int run = shape.digitRun(i);
        if (run == 4) {
            // ISO opens with four digits and a hyphen.
            int bits = shape.at(i + 4) == '-' ? ISO : 0;
            return DateScanners.year(text, i) >= 0 ? bits | YEAR : bits;
        }
        if (run > 2) {
            return 0;
        }
        int bits = DateScanners.numeric(text, i) >= 0 ? NUMERIC : 0;
        return dayThenMonth(shape, i, run) ? bits | WRITTEN : bits;
    }

    /** The first three letters of the weekdays and months, lower case. */
    private static final String[] OPENERS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "jan", "feb", "mar",
            "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    /** {@link #OPENERS} as bits, by the letters' indices in the alphabet: {@code (a * 26 + b) * 26 + c}. */
    private static final long[] OPENER_BITS = new long[(26 * 26 * 26 + 63) / 64];

    static {
        for (String opener : OPENERS) {
            int key = ((opener.charAt(0) - 'a') * 26 + opener.charAt(1) - 'a') * 26 + opener.charAt(2) - 'a';
            OPENER_BITS[key >>> 6] |= 1L << key;
        }
    }

    /**
     * Whether the three characters at {@code i} are ASCII letters that, lower-cased, begin a weekday or a month: a
     * weekday and a written date starting at a word both begin so (their letters compared ASCII case-insensitively).
     */
    static boolean openers(TextShape shape, int i) {
        String text = shape.text();
        if (i < 0 || i + 2 >= text.length()) {
            return false;
        }
        // Setting bit 0x20 turns ASCII capitals into small letters; no character but those two lands in a..z.
        int a = (text.charAt(i) | 0x20) - 'a';
        int b = (text.charAt(i + 1) | 0x20) - 'a';
        int c = (text.charAt(i + 2) | 0x20) - 'a';
        if ((a | b | c) < 0 || a >= 26 || b >= 26 || c >= 26) {
            return false;
        }
        int key = (a * 26 + b) * 26 + c;
        return (OPENER_BITS[key >>> 6] & 1L << key) != 0;
    }

    /**
     * WRITTEN at a number ({@code \d{1,2}(?:st|nd|rd|th)?\s(?:of\s)?MONTH}): after the run of {@code run} (one or
     * two) digits, perhaps an ordinal suffix, a white space, perhaps "of" and a white space, then the first three
     * letters of a month.
     */
    static boolean dayThenMonth(TextShape shape, int i, int run) {
        int k = i + run;
        int m;
        if (space(shape.at(k))) {
            m = k + 1;
        } else if (ordinal(lower(shape.at(k)), lower(shape.at(k + 1))) && space(shape.at(k + 2))) {
            m = k + 3;
        } else {
            return false;
        }
        return monthPrefix(shape, m) || lower(shape.at(m)) == 'o' && lower(shape.at(m + 1)) == 'f'
                && space(shape.at(m + 2)) && monthPrefix(shape, m + 3);
    }

    /**
     * WRITTEN at a word ({@code MONTH\s\d} or {@code MONTH,?\s\d}, MONTH being letters and an optional full stop):
     * a month's first three letters, the rest of the run of ASCII letters (the month's letters are followed by no
     * letter), perhaps a full stop, perhaps a comma, a white space and a digit.
     */
    static boolean monthThenNumber(TextShape shape, int i) {
        if (!monthPrefix(shape, i)) {
            return false;
        }
        int e = i + 3;
        while (asciiLetter(shape.at(e))) {
            e++;
        }
        if (shape.at(e) == '.') {
            e++;
        }
        if (shape.at(e) == ',') {
            e++;
        }
        return space(shape.at(e)) && digit(shape.at(e + 1));
    }

    /** Whether the three letters at {@code i} begin a month: jan feb mar apr may jun jul aug sep oct nov dec. */
    static boolean monthPrefix(TextShape shape, int i) {
        char a = lower(shape.at(i));
        char b = lower(shape.at(i + 1));
        char c = lower(shape.at(i + 2));
        return switch (a) {
            case 'j' -> b == 'a' && c == 'n' || b == 'u' && (c == 'n' || c == 'l');
            case 'f' -> b == 'e' && c == 'b';
            case 'm' -> b == 'a' && (c == 'r' || c == 'y');
            case 'a' -> b == 'p' && c == 'r' || b == 'u' && c == 'g';
            case 's' -> b == 'e' && c == 'p';
            case 'o' -> b == 'c' && c == 't';
            case 'n' -> b == 'o' && c == 'v';
            case 'd' -> b == 'e' && c == 'c';
            default -> false;
        };
    }

    private static boolean ordinal(char a, char b) {
        return a == 's' && b == 't' || a == 'n' && b == 'd' || a == 'r' && b == 'd' || a == 't' && b == 'h';
    }

    /** {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** ASCII letters lower-cased; every other character as it is. */
    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 0x20) : c;
    }

    private static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
