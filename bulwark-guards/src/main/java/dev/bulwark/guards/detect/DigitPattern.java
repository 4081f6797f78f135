package dev.bulwark.guards.detect;

/**
 * A pattern over the ten ASCII digits, as libphonenumber's metadata writes them (digits, {@code \d}, classes such as
 * {@code [2-9]}, groups, {@code |}, {@code ?}, {@code {n}} and {@code {n,m}}), turned into a deterministic automaton:
 * a test walks one table entry per character instead of backtracking through long alternations. Its answers are
 * those of {@link java.util.regex.Pattern}: without back-references or look-arounds a backtracking match succeeds
 * exactly when the text is in the pattern's language. Other syntax is refused, so the caller keeps the regex.
 */
final class DigitPattern {
    /** Dead end: no text continuing this way matches. */
    static final int DEAD = -1;

    private final int[] next;
    private final boolean[] accepting;

    DigitPattern(int[] next, boolean[] accepting) {
        this.next = next;
        this.accepting = accepting;
    }

    /** The automaton of {@code regex}, or null when it uses syntax beyond the digit subset. */
    static DigitPattern compileOrNull(String regex) {
        return DigitNfa.compileOrNull(regex);
    }

    /** {@code Matcher.matches()}: the whole text is in the language. */
    boolean matches(CharSequence text) {
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            state = step(state, text.charAt(i));
            if (state == DEAD) {
                return false;
            }
        }
        return accepting[state];
    }

    /** {@code Matcher.lookingAt()}: some prefix of the text, maybe empty, is in the language. */
    boolean matchesPrefix(CharSequence text) {
        int state = 0;
        for (int i = 0; i < text.length() && !accepting[state]; i++) {
            state = step(state, text.charAt(i));
            if (state == DEAD) {
                return false;
            }
        }
        return accepting[state];
    }

    /**
     * The length of the shortest prefix of the text in the language, -1 when none. For a {@linkplain #prefixFree()
     * prefix-free} language it is the only such prefix, hence where {@code Matcher.lookingAt()} ends.
     */
    int prefixEnd(CharSequence text) {
        int state = 0;
        for (int i = 0; ; i++) {
            if (accepting[state]) {
                return i;
            }
            if (i == text.length()) {
                return -1;
            }
            state = step(state, text.charAt(i));
            if (state == DEAD) {
                return -1;
            }
        }
    }

    /** Whether no text of the language is a proper prefix of another (every state can still reach acceptance). */
    boolean prefixFree() {
        for (int s = 0; s < accepting.length; s++) {
            if (accepting[s]) {
                for (int d = 0; d < 10; d++) {
                    if (next[s * 10 + d] != DEAD) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private int step(int state, char c) {
        return c >= '0' && c <= '9' ? next[state * 10 + c - '0'] : DEAD;
    }
}
