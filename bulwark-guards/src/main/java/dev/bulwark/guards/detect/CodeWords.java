package dev.bulwark.guards.detect;

/**
 * Words that are parts of program identifiers rather than of names in prose: joined to another word by an
 * underscore ({@code SPRING_PROFILES_ACTIVE}, {@code last_name}) or by a dot with no space
 * ({@code Customer.LastName}, {@code c.e.orders.OrdersApplication}), called or typed with a parenthesis right after
 * it ({@code COUNT(}, {@code VARCHAR(100)}), or written in camel case
 * ({@code CreateCustomerRequest}, {@code AccountId}). Name prefixes that take a capital after them ("McDonald",
 * "MacGregor", "DeShawn", "LaToya", "DiCaprio", "VanDyke", "FitzGerald") are not camel case. Asked only of
 * capitalised words, and only by the proper-noun rules: such a word neither starts nor continues a name.
 */
final class CodeWords {
    private CodeWords() {}

    /** Prefixes after which a capital letter is part of a name. */
    private static final String[] NAME_PREFIXES = {"Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von",
            "Fitz", "St"};

    static boolean identifier(WordTokens t, int k) {
        char[] c = t.chars;
        int s = t.start[k];
        int e = t.textEnd[k];
        // After a dot that ends a word of more than one letter ("Customer.LastName", not the initials "U.N.").
        if (s > 0 && (c[s - 1] == '_' || c[s - 1] == '.' && s > 2 && Character.isLetterOrDigit(c[s - 2])
                && Character.isLetterOrDigit(c[s - 3]))) {
            return true;
        }
        // The word's own end: a kept period of an abbreviation or initial is not a joining dot.
        if (e < t.length && (c[e] == '_' || c[e] == '(' || c[e] == '.' && t.end[k] == e && e + 1 < t.length
                && Character.isLetter(c[e + 1]))) {
            return true;
        }
        for (int i = s + 1; i < e; i++) {
            char x = c[i];
            boolean upper = x < 0x80 ? x >= 'A' && x <= 'Z' : Character.isUpperCase(x);
            if (upper && lower(c[i - 1]) && !namePrefix(c, s, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean lower(char x) {
        return x < 0x80 ? x >= 'a' && x <= 'z' : Character.isLowerCase(x);
    }

    private static boolean namePrefix(char[] c, int s, int i) {
        for (String p : NAME_PREFIXES) {
            if (p.length() == i - s && p.contentEquals(java.nio.CharBuffer.wrap(c, s, i - s))) {
                return true;
            }
        }
        return false;
    }
}
