package dev.bulwark.guards.detect;

/**
 * Hand-written matchers for three of {@link DateRecognizer}'s shapes, each giving the end of the match its former
 * pattern would find anchored at {@code i} (region from {@code i} to the end, transparent bounds), or -1. The
 * patterns were small and without choices that survive their lookarounds, so each is a straight run of checks.
 * {@code \w} and {@code \d} are ASCII; case-insensitive means ASCII letters only (no {@code UNICODE_CASE}).
 */
final class DateScanners {
    private DateScanners() {}

    /**
     * {@code (?<![\w./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\w]|[./-]\d)}. Each digit run is taken whole
     * (a shorter take leaves a digit where a separator or the lookahead's non-word character must be), so the
     * year is a run of exactly four or two digits.
     */
    static int numeric(String text, int i) {
        if (i > 0 && (word(text.charAt(i - 1)) || "./-".indexOf(text.charAt(i - 1)) >= 0)) {
            return -1;
        }
        int first = run(text, i);
        if (first < 1 || first > 2) {
            return -1;
        }
        int s = i + first;
        char separator = at(text, s);
        if (separator != '.' && separator != '/' && separator != '-') {
            return -1;
        }
        int second = run(text, s + 1);
        int t = s + 1 + second;
        if (second < 1 || second > 2 || at(text, t) != separator) {
            return -1;
        }
        int year = run(text, t + 1);
        int end = t + 1 + year;
        if (year != 4 && year != 2 || word(at(text, end))
                || "./-".indexOf(at(text, end)) >= 0 && digit(at(text, end + 1))) {
            return -1;
        }
        return end;
    }

    /**
     * {@code (?<![\w.,/:-])(?:1[89]\d\d|20\d\d)(?:s)?(?![\w]|[.,:/-]\d)}: four digits from 1800 to 2099, perhaps a
     * plural "s"; without the "s", a following "s" would be a word character, so it is taken when present.
     */
    static int year(String text, int i) {
        if (i > 0 && (word(text.charAt(i - 1)) || ".,/:-".indexOf(text.charAt(i - 1)) >= 0)) {
            return -1;
        }
        char a = at(text, i);
        char b = at(text, i + 1);
        if (!(a == '1' && (b == '8' || b == '9') || a == '2' && b == '0') || !digit(at(text, i + 2))
                || !digit(at(text, i + 3))) {
            return -1;
        }
        int end = at(text, i + 4) == 's' ? i + 5 : i + 4;
        char c = at(text, end);
        if (word(c) || ".,:/-".indexOf(c) >= 0 && digit(at(text, end + 1))) {
            return -1;
        }
        return end;
    }

    /**
     * {@code (?<![\w])(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?![\w])}, ASCII case-insensitive. The first two
     * letters leave at most one weekday that can match.
     */
    static int weekday(String text, int i) {
        char second = (char) (at(text, i + 1) | 0x20);
        String day = switch (at(text, i) | 0x20) {
            case 'm' -> "monday";
            case 't' -> second == 'u' ? "tuesday" : "thursday";
            case 'w' -> "wednesday";
            case 'f' -> "friday";
            case 's' -> second == 'a' ? "saturday" : "sunday";
            default -> null;
        };
        if (day == null || i > 0 && word(text.charAt(i - 1)) || !asciiIgnoreCase(text, i, day)) {
            return -1;
        }
        int end = i + day.length();
        return word(at(text, end)) ? -1 : end;
    }

    /** Whether {@code text} at {@code i} is {@code lower} (ASCII lower case), ASCII letters compared in any case. */
    private static boolean asciiIgnoreCase(String text, int i, String lower) {
        if (i + lower.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            char c = text.charAt(i + k);
            if (c != lower.charAt(k) && c + 0x20 != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Length of the run of ASCII digits at {@code i}. */
    static int run(String text, int i) {
        int j = i;
        while (j < text.length() && digit(text.charAt(j))) {
            j++;
        }
        return j - i;
    }

    /** The character at {@code i}, or 0 past the end. */
    private static char at(String text, int i) {
        return i < text.length() ? text.charAt(i) : 0;
    }

    /** {@code \w}: ASCII letter, digit or underscore. */
    private static boolean word(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
