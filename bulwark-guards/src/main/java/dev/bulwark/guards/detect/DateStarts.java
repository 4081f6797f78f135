package dev.bulwark.guards.detect;

/**
 * Cheap necessary conditions for {@link DateRecognizer}'s written-date pattern at a start of the text: each follows
 * from the pattern's shape, so a start that fails one cannot begin a match. The pattern is ASCII case-insensitive
 * ({@code CASE_INSENSITIVE} without {@code UNICODE_CASE}), so only ASCII letters fold.
 */
final class DateStarts {
    private DateStarts() {}

    /**
     * WRITTEN at a number ({@code \d{1,2}(?:st|nd|rd|th)?\s(?:of\s)?MONTH}): a run of one or two digits, perhaps an
     * ordinal suffix, a white space, perhaps "of" and a white space, then the first three letters of a month.
     */
    static boolean dayThenMonth(TextShape shape, int i) {
        int run = shape.digitRun(i);
        if (run > 2) {
            return false;
        }
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
