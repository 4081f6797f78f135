package dev.bulwark.injection;

/**
 * Letters of other scripts that look like Latin letters (after lower-casing): Cyrillic, Greek, Armenian and a few Latin
 * variants (dotless i, script g). Spelling an English word with look-alikes is an evasion; whole words of one script
 * are ordinary text and are left alone, so only words that mix look-alikes with Latin letters, or words of look-alikes
 * only that stand between Latin words, are folded.
 */
final class Confusables {
    private Confusables() {}

    // each look-alike above its Latin twin; the Greek and Cyrillic lower-case forms of capitals that look Latin
    // (Т т, Н н, В в, М м, Κ κ, Η η, Μ μ, Β β, Ζ ζ) are included because text is lower-cased first
    private static final String LOOKALIKES =
            "\u0430\u0435\u043E\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u04BB\u043A\u0501\u051B\u051D\u04CF"
                    + "\u0442\u043D\u0432\u043C\u0457\u0491"
                    + "\u03B1\u03BF\u03C1\u03B9\u03BA\u03BD\u03C5\u03C7\u03B5\u03C4\u03F2\u03F3\u03B7\u03BC\u03B2"
                    + "\u03B6"
                    + "\u0585\u057D\u0570\u0578\u0581"
                    + "\u0131\u0237\u0251\u0261\u0269\u026A\u028F\u1D00\u1D04\u1D0F\u1D1C\u1D20\u1D21\u1D22";
    private static final String LATIN_TWINS =
            "aeopcyxijshkdqwl"
                    + "thbmig"
                    + "aopikvuxetcjhmb"
                    + "z"
                    + "ouhng"
                    + "ijagiiyacouvwz";

    static {
        if (LOOKALIKES.length() != LATIN_TWINS.length()) {
            throw new AssertionError("confusable table is misaligned");
        }
    }

    static boolean lookalike(char c) {
        return c >= 0x0131 && LOOKALIKES.indexOf(c) >= 0;
    }

    /**
     * Folds look-alikes to Latin in place: in every word that mixes them with Latin letters, and in words made only of
     * look-alikes whose neighbouring word is Latin.
     */
    static void fold(StringBuilder s) {
        int n = s.length();
        int previousWordEnd = -1;
        boolean previousLatin = false;
        int i = 0;
        while (i < n) {
            if (!Character.isLetter(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean latin = false;
            boolean look = false;
            boolean other = false;
            while (i < n && Character.isLetter(s.charAt(i))) {
                char c = s.charAt(i);
                if (c >= 'a' && c <= 'z') {
                    latin = true;
                } else if (lookalike(c)) {
                    look = true;
                } else {
                    other = true;
                }
                i++;
            }
            boolean onlyLookalikes = look && !latin && !other;
            boolean near = previousLatin && start - previousWordEnd <= 4;
            boolean fold = (latin && look) || (onlyLookalikes && (near || nextWordLatin(s, i)));
            if (fold) {
                for (int k = start; k < i; k++) {
                    int at = LOOKALIKES.indexOf(s.charAt(k));
                    if (at >= 0) {
                        s.setCharAt(k, LATIN_TWINS.charAt(at));
                    }
                }
            }
            previousLatin = (latin && !other) || fold;
            previousWordEnd = i;
        }
    }

    private static boolean nextWordLatin(StringBuilder s, int from) {
        int n = s.length();
        int i = from;
        while (i < n && i < from + 4 && !Character.isLetter(s.charAt(i))) {
            i++;
        }
        if (i >= n || !Character.isLetter(s.charAt(i))) {
            return false;
        }
        boolean latin = false;
        while (i < n && Character.isLetter(s.charAt(i))) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                latin = true;
            } else if (!lookalike(c)) {
                return false;
            }
            i++;
        }
        return latin;
    }
}
