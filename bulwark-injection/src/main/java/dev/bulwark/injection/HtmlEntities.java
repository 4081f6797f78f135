package dev.bulwark.injection;

/**
 * HTML character references ({@code &#105;}, {@code &#x69;}, {@code &amp;} and the few named ones that matter for
 * matching), decoded during normalization: "&#105;gnore" reads as "ignore" to a model and so must to the detector.
 */
final class HtmlEntities {
    private HtmlEntities() {}

    private static final String[] NAMES = {"amp", "lt", "gt", "quot", "apos", "nbsp", "shy", "zwj", "zwnj", "lrm",
        "rlm", "hyphen", "colon", "period", "comma", "lpar", "rpar", "sol", "num", "excl", "quest", "lowbar"};
    private static final int[] VALUES = {'&', '<', '>', '"', '\'', 0xA0, 0xAD, 0x200D, 0x200C, 0x200E, 0x200F, '-',
        ':', '.', ',', '(', ')', '/', '#', '!', '?', '_'};

    /** The end (exclusive) of a character reference starting at {@code at}, or {@code at} when there is none. */
    static int end(String s, int at, int to) {
        int limit = Math.min(to, at + 12);
        int semi = -1;
        for (int i = at + 1; i < limit; i++) {
            if (s.charAt(i) == ';') {
                semi = i;
                break;
            }
        }
        if (semi < at + 2) {
            return at;
        }
        return value(s, at, semi + 1) >= 0 ? semi + 1 : at;
    }

    /** The code point of the reference {@code s[at, end)}, or -1 when it is not one. */
    static int value(String s, int at, int end) {
        String body = s.substring(at + 1, end - 1);
        if (body.startsWith("#")) {
            boolean hex = body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X');
            String digits = body.substring(hex ? 2 : 1);
            if (digits.isEmpty() || digits.length() > 7) {
                return -1;
            }
            try {
                int cp = Integer.parseInt(digits, hex ? 16 : 10);
                return cp > 0 && cp <= Character.MAX_CODE_POINT && !(cp >= 0xD800 && cp <= 0xDFFF) ? cp : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        for (int k = 0; k < NAMES.length; k++) {
            if (NAMES[k].equalsIgnoreCase(body)) {
                return VALUES[k];
            }
        }
        return -1;
    }
}
