package dev.bulwark.injection;

/** Leetspeak ("1gn0r3 4ll pr3v10u5"): tokens mixing letters with digits and symbols that stand for letters. */
final class Leetspeak {
    private Leetspeak() {}

    /**
     * Whether a token reads as leetspeak: letters mixed with digits or symbols that stand for letters, at most three
     * digits in a row, not many more substitutions than letters, and not a hexadecimal string. IBANs, hashes, ids,
     * e-mail addresses and a trailing "!" are left alone.
     */
    static boolean present(CharSequence t) {
        int n = t.length();
        int i = 0;
        while (i < n) {
            if (!leetTokenChar(t.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && leetTokenChar(t.charAt(i))) {
                i++;
            }
            if (leetToken(t, start, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean leetToken(CharSequence t, int start, int end) {
        int letters = 0;
        int leet = 0;
        int at = 0;
        int other = 0;
        int digitRun = 0;
        int longestRun = 0;
        boolean hex = true;
        for (int i = start; i < end; i++) {
            char c = t.charAt(i);
            digitRun = c >= '0' && c <= '9' ? digitRun + 1 : 0;
            longestRun = Math.max(longestRun, digitRun);
            if (isLetter(c)) {
                letters++;
                hex &= c <= 'f';
            } else if (c == '@') {
                at++;
            } else if ("013456789$".indexOf(c) >= 0 || (c == '!' && i + 1 < end)
                    || (c == '|' && i > start && i + 1 < end)) {
                leet++;
            } else if (c != '!') {
                other++;
            }
        }
        // an @ alone is an e-mail address or a handle; with other substitutions it stands for "a"
        leet += leet > 0 ? at : 0;
        int length = end - start;
        boolean hexString = hex && length >= 6;
        return letters >= 1 && leet >= 1 && leet <= 2 * letters + 1 && longestRun <= 3 && other == 0 && length >= 3
                && length <= 24 && !hexString;
    }

    /**
     * Once a window has a leetspeak token, heavily substituted words around it ("4551574n7") are folded too: any token
     * of at most 16 characters with a letter (account numbers and IBANs are longer).
     */
    private static boolean looseLeetToken(CharSequence t, int start, int end) {
        if (end - start > 16) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (isLetter(t.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Leetspeak folded in the tokens that read as leetspeak; {@code one} is what "1" stands for. */
    static String fold(CharSequence t, char one) {
        int n = t.length();
        char[] out = new char[n];
        int i = 0;
        while (i < n) {
            if (!leetTokenChar(t.charAt(i))) {
                out[i] = t.charAt(i);
                i++;
                continue;
            }
            int start = i;
            while (i < n && leetTokenChar(t.charAt(i))) {
                i++;
            }
            boolean fold = leetToken(t, start, i) || looseLeetToken(t, start, i);
            for (int k = start; k < i; k++) {
                out[k] = fold ? leetValue(t, k, start, i, one) : t.charAt(k);
            }
        }
        return new String(out);
    }

    private static char leetValue(CharSequence t, int k, int start, int end, char one) {
        char c = t.charAt(k);
        boolean inner = k > start && k + 1 < end;
        return switch (c) {
            case '0' -> 'o';
            case '1' -> one;
            case '3' -> 'e';
            case '4' -> 'a';
            case '5' -> 's';
            case '6', '9' -> 'g';
            case '7' -> 't';
            case '8' -> 'b';
            case '@' -> 'a';
            case '$' -> 's';
            case '|' -> inner ? 'l' : c;
            case '!' -> k + 1 < end ? 'i' : c;
            case '+' -> inner ? 't' : c;
            default -> c;
        };
    }

    private static boolean leetTokenChar(char c) {
        return isAlnum(c) || c == '@' || c == '$' || c == '|' || c == '!' || c == '+';
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
