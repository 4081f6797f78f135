package dev.bulwark.guards.detect;

/**
 * Hand-written matchers for the digit shapes of payment cards and US social security numbers, answering exactly as
 * the patterns they replaced (kept in the tests):
 * card {@code (?<![\d.,+-])\d(?:[ -]?+\d){11,18}+(?![\d]|[.,-]\d)} and
 * SSN {@code (?<![\d-])(\d{3})([- .]?)(\d{2})\2(\d{4})(?![\d]|-\d)}, both anchored at {@code i} with the text
 * around visible. {@code \d} is an ASCII digit in both.
 */
final class FinancialShapes {
    private FinancialShapes() {}

    /** End of the card shape starting at {@code i}, or -1. */
    static int cardEnd(String text, int i) {
        int n = text.length();
        if (i >= n || !digit(text.charAt(i)) || i > 0 && ".,+-".indexOf(text.charAt(i - 1)) >= 0
                || i > 0 && digit(text.charAt(i - 1))) {
            return -1;
        }
        int j = i + 1;
        int groups = 0;
        // Possessive: each group takes its optional separator if present and then needs a digit; no giving back.
        while (groups < 18) {
            int k = j < n && (text.charAt(j) == ' ' || text.charAt(j) == '-') ? j + 1 : j;
            if (k < n && digit(text.charAt(k))) {
                j = k + 1;
                groups++;
            } else {
                break;
            }
        }
        if (groups < 11 || digitOrSeparatedDigit(text, j, ".,-")) {
            return -1;
        }
        return j;
    }

    /** End of the SSN shape starting at {@code i}, or -1; its separator is the character at {@code i + 3} if any. */
    static int ssnEnd(String text, int i) {
        int n = text.length();
        if (i > 0 && (digit(text.charAt(i - 1)) || text.charAt(i - 1) == '-') || !digits(text, i, 3)) {
            return -1;
        }
        int j = i + 3;
        char sep = j < n ? text.charAt(j) : 0;
        boolean separated = sep == '-' || sep == ' ' || sep == '.';
        if (separated) {
            j++;
        }
        if (!digits(text, j, 2)) {
            return -1;
        }
        j += 2;
        if (separated) {
            if (j >= n || text.charAt(j) != sep) {
                return -1;
            }
            j++;
        }
        if (!digits(text, j, 4)) {
            return -1;
        }
        j += 4;
        return digitOrSeparatedDigit(text, j, "-") ? -1 : j;
    }

    /** Whether the text at {@code j} holds a digit, or one of {@code separators} followed by a digit. */
    private static boolean digitOrSeparatedDigit(String text, int j, String separators) {
        int n = text.length();
        if (j < n && digit(text.charAt(j))) {
            return true;
        }
        return j + 1 < n && separators.indexOf(text.charAt(j)) >= 0 && digit(text.charAt(j + 1));
    }

    private static boolean digits(String text, int from, int count) {
        if (from + count > text.length()) {
            return false;
        }
        for (int k = from; k < from + count; k++) {
            if (!digit(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
