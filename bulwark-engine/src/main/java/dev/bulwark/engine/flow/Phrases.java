package dev.bulwark.engine.flow;

import java.util.Locale;

/**
 * Quoted strings and short phrases: canonical form is lower case with every run of other than letters and digits
 * made one space ({@code "Pizza  party!"} and {@code pizza party} are both {@code text:pizza party}).
 */
final class Phrases {
    static final int MIN_ALNUM = 3;
    static final int MAX_CHARS = 200;

    private Phrases() {}

    /** The key of a phrase, or null if it is too short or too long to be one. */
    static String canonical(String raw) {
        if (raw.length() > MAX_CHARS) {
            return null;
        }
        String s = FlowText.normal(raw);
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        int alnum = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (space && !b.isEmpty()) {
                    b.append(' ');
                }
                space = false;
                b.append(c);
                alnum++;
            } else {
                space = true;
            }
        }
        if (alnum < MIN_ALNUM) {
            return null;
        }
        return "text:" + b.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Pairs quote marks in one left-to-right pass: each kind of quote remembers where it opened, and a closing mark
     * within {@code maxChars} yields the phrase between. Constant work per character.
     */
    static final class Pairing {
        private static final String OPEN = "\"'“‘«";
        private static final String CLOSE = "\"'”’»";
        private final int maxChars;
        private final int[] open = {-1, -1, -1, -1, -1};

        Pairing(int maxChars) {
            this.maxChars = maxChars;
        }

        void see(String text, int i, Found out) {
            char c = text.charAt(i);
            int close = CLOSE.indexOf(c);
            if (close >= 0 && open[close] >= 0 && closes(text, i, c)) {
                int from = open[close] + 1;
                open[close] = -1;
                if (i - from <= maxChars) {
                    String key = canonical(text.substring(from, i));
                    if (key != null) {
                        out.add(ValueKind.QUOTED, key);
                    }
                }
                return;
            }
            int kind = OPEN.indexOf(c);
            if (kind >= 0 && opens(text, i, c)) {
                open[kind] = i;
            }
        }

        /** An apostrophe inside a word ({@code don't}) neither opens nor closes. */
        private static boolean opens(String text, int i, char c) {
            return c != '\'' || i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
        }

        private static boolean closes(String text, int i, char c) {
            return c != '\'' || i + 1 >= text.length() || !Character.isLetterOrDigit(text.charAt(i + 1));
        }
    }
}
