package dev.bulwark.guards.detect;

/**
 * {@link WordLists#fold} one character at a time, for the Latin, IPA, Greek and Cyrillic blocks: folding a word of
 * these characters is folding each character and joining the results, because lower case (outside the final-sigma
 * rule, so capital sigma is left out) and canonical decomposition both work per character, and the only reordering
 * decomposition does is among combining marks, which folding drops.
 */
final class CharFolds {
    /** Characters below this (and not {@link #SIGMA}) have a fold here; ASCII is folded by the caller. */
    static final char LIMIT = 0x530;
    private static final char SIGMA = '\u03A3';
    private static final String[] FOLDS = new String[LIMIT];
    /** The longest fold of one character. */
    static final int MAX_LENGTH;

    static {
        int max = 0;
        for (char c = 0x80; c < LIMIT; c++) {
            if (c != SIGMA) {
                FOLDS[c] = WordLists.fold(String.valueOf(c));
                max = Math.max(max, FOLDS[c].length());
            }
        }
        MAX_LENGTH = max;
    }

    private CharFolds() {}

    /**
     * The fold of a character from U+0080 on; {@code null} when it must be folded with its word. The apostrophe ’
     * folds to nothing wherever it stands.
     */
    static String of(char c) {
        if (c < LIMIT) {
            return FOLDS[c];
        }
        return c == '’' ? "" : null;
    }
}
