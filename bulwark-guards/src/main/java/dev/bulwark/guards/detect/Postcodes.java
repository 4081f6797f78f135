package dev.bulwark.guards.detect;

/**
 * The postcodes of the address patterns ({@code AddressTails.ZIP}): US ZIP and ZIP+4, Polish, Brazilian, Swedish and
 * other digit codes, Canadian and British codes. A position can start several of them; the pattern tries its
 * alternatives in order, each greedy piece longest first, and the text after decides which one the match keeps.
 * <pre>
 * \d{5}(?:-\d{4})?|\d{2}-\d{3}|\d{5}-\d{3}|\d{3}[ ]?\d{2}|\d{3,6}
 *     |[A-Z]\d[A-Z][ ]?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?[ ]\d[A-Z]{2}
 * </pre>
 */
final class Postcodes {
    private Postcodes() {}

    /** Most postcode ends one position can have (one per way ZIP can match). */
    static final int ENDS = 16;

    /**
     * The ends of the postcodes starting at {@code p} within {@code to}, in the order the pattern tries them (its
     * alternatives in turn, each optional piece with then without, each greedy run longest first), into {@code
     * ends}; their number.
     */
    static int ends(String text, int p, int to, int[] ends) {
        int n = 0;
        int run = digits(text, p, to);
        if (run >= 5) {
            // \d{5}(?:-\d{4})?
            if (at(text, p + 5, to) == '-' && digits(text, p + 6, to) >= 4) {
                ends[n++] = p + 10;
            }
            ends[n++] = p + 5;
        }
        if (run >= 2 && at(text, p + 2, to) == '-' && digits(text, p + 3, to) >= 3) {
            // \d{2}-\d{3}
            ends[n++] = p + 6;
        }
        if (run >= 5 && at(text, p + 5, to) == '-' && digits(text, p + 6, to) >= 3) {
            // \d{5}-\d{3}
            ends[n++] = p + 9;
        }
        if (run >= 3) {
            // \d{3}[ ]?\d{2}
            if (at(text, p + 3, to) == ' ' && digits(text, p + 4, to) >= 2) {
                ends[n++] = p + 6;
            }
            if (run >= 5) {
                ends[n++] = p + 5;
            }
            // \d{3,6}
            for (int k = Math.min(run, 6); k >= 3; k--) {
                ends[n++] = p + k;
            }
        }
        if (upper(at(text, p, to))) {
            // [A-Z]\d[A-Z][ ]?\d[A-Z]\d
            if (digit(at(text, p + 1, to)) && upper(at(text, p + 2, to))) {
                if (at(text, p + 3, to) == ' ' && digit(at(text, p + 4, to)) && upper(at(text, p + 5, to))
                        && digit(at(text, p + 6, to))) {
                    ends[n++] = p + 7;
                }
                if (digit(at(text, p + 3, to)) && upper(at(text, p + 4, to)) && digit(at(text, p + 5, to))) {
                    ends[n++] = p + 6;
                }
            }
            // [A-Z]{1,2}\d[A-Z\d]?[ ]\d[A-Z]{2}
            for (int letters = upper(at(text, p + 1, to)) ? 2 : 1; letters >= 1; letters--) {
                int d = p + letters;
                if (!digit(at(text, d, to))) {
                    continue;
                }
                char optional = at(text, d + 1, to);
                if (upper(optional) || digit(optional)) {
                    n = outward(text, d + 2, to, ends, n);
                }
                n = outward(text, d + 1, to, ends, n);
            }
        }
        return n;
    }

    /** {@code [ ]\d[A-Z]{2}} at {@code q}: adds its end when it matches. */
    private static int outward(String text, int q, int to, int[] ends, int n) {
        if (at(text, q, to) == ' ' && digit(at(text, q + 1, to)) && upper(at(text, q + 2, to))
                && upper(at(text, q + 3, to))) {
            ends[n++] = q + 4;
        }
        return n;
    }

    private static int digits(String text, int p, int to) {
        int q = p;
        while (q < to && digit(text.charAt(q))) {
            q++;
        }
        return q - p;
    }

    /** The character at {@code i} inside the region, or 0. */
    private static char at(String text, int i, int to) {
        return i < to ? text.charAt(i) : 0;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
