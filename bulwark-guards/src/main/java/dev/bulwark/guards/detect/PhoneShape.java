package dev.bulwark.guards.detect;

/**
 * The shape of a phone candidate, written out by hand from the pattern it replaces (kept in the tests):
 * <pre>
 * (?&lt;![\w+.:/-])(?:\+\d{1,3}[ .-]?+|00\d{1,3}[ .-]?+|\d{3}-)?(?:\(\d{1,5}\)[ .-]?+)?\d{1,5}
 *     (?:[ .-]\d{1,5}){0,5}+(?:\s?+(?:x|ext\.?)\s?+\d{1,5})?(?![\w]|[.-]\d)
 * </pre>
 * {@link #end} tries the pattern's choices in the order its backtracking does (the prefix alternatives, each
 * calling code length from the longest; with then without parentheses; each first-group length from the longest;
 * with then without an extension), so the first that passes the closing look-ahead is the regex's match.
 */
final class PhoneShape {
    private PhoneShape() {}

    /** The end of the match starting at {@code i} (as {@code lookingAt} with transparent bounds), or -1. */
    static int end(String t, int i) {
        if (i > 0 && (word(t.charAt(i - 1)) || "+.:/-".indexOf(t.charAt(i - 1)) >= 0)) {
            return -1;
        }
        // "+" or "00" and a calling code of three digits down to one, then "ddd-", then no prefix at all.
        int lead = t.startsWith("+", i) ? 1 : t.startsWith("00", i) ? 2 : 0;
        if (lead > 0) {
            for (int len = digitsAt(t, i + lead, 3); len >= 1; len--) {
                int end = afterPrefix(t, separator(t, i + lead + len));
                if (end >= 0) {
                    return end;
                }
            }
        }
        if (digitsAt(t, i, 3) == 3 && t.startsWith("-", i + 3)) {
            int end = afterPrefix(t, i + 4);
            if (end >= 0) {
                return end;
            }
        }
        return afterPrefix(t, i);
    }

    /** Parenthesised digits (with a separator after them), or none, then the groups. */
    private static int afterPrefix(String t, int p) {
        if (t.startsWith("(", p)) {
            for (int len = digitsAt(t, p + 1, 5); len >= 1; len--) {
                if (t.startsWith(")", p + 1 + len)) {
                    int end = groups(t, separator(t, p + 2 + len));
                    if (end >= 0) {
                        return end;
                    }
                }
            }
        }
        return groups(t, p);
    }

    /**
     * A first group of five digits down to one, then up to five more groups each after one separator, taken as
     * many and as long as they come and never given back (the possessive repeat), then the optional extension.
     */
    private static int groups(String t, int q) {
        for (int len = digitsAt(t, q, 5); len >= 1; len--) {
            int u = q + len;
            for (int g = 0; g < 5 && u + 1 < t.length() && " .-".indexOf(t.charAt(u)) >= 0; g++) {
                int more = digitsAt(t, u + 1, 5);
                if (more == 0) {
                    break;
                }
                u += 1 + more;
            }
            int end = extension(t, u);
            if (end >= 0) {
                return end;
            }
            if (endsHere(t, u)) {
                return u;
            }
        }
        return -1;
    }

    /** {@code \s?+(?:x|ext\.?)\s?+\d{1,5}} then the look-ahead, or -1. */
    private static int extension(String t, int u) {
        int v = u < t.length() && space(t.charAt(u)) ? u + 1 : u;
        int[] labelEnds;
        if (t.startsWith("x", v)) {
            labelEnds = new int[] {v + 1};
        } else if (t.startsWith("ext", v)) {
            labelEnds = t.startsWith(".", v + 3) ? new int[] {v + 4, v + 3} : new int[] {v + 3};
        } else {
            return -1;
        }
        for (int w : labelEnds) {
            int d = w < t.length() && space(t.charAt(w)) ? w + 1 : w;
            for (int len = digitsAt(t, d, 5); len >= 1; len--) {
                if (endsHere(t, d + len)) {
                    return d + len;
                }
            }
        }
        return -1;
    }

    /** The closing look-ahead {@code (?![\w]|[.-]\d)}. */
    private static boolean endsHere(String t, int e) {
        if (e >= t.length()) {
            return true;
        }
        char c = t.charAt(e);
        return !word(c) && !((c == '.' || c == '-') && e + 1 < t.length() && digit(t.charAt(e + 1)));
    }

    /** {@code [ .-]?+}: one separator taken whenever present. */
    private static int separator(String t, int p) {
        return p < t.length() && " .-".indexOf(t.charAt(p)) >= 0 ? p + 1 : p;
    }

    /** How many ASCII digits (at most {@code max}) start at {@code p}. */
    private static int digitsAt(String t, int p, int max) {
        int n = 0;
        while (n < max && p + n < t.length() && digit(t.charAt(p + n))) {
            n++;
        }
        return n;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code \w} without UNICODE_CHARACTER_CLASS: ASCII letters, digits and underscore. */
    private static boolean word(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    /** {@code \s} without UNICODE_CHARACTER_CLASS. */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
