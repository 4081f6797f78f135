package dev.bulwark.guards.detect;

/**
 * {@link WordLists#fold} for words below U+0370 (Latin letters and their combining marks), without normalising:
 * there, folding a word is folding each character on its own and joining the results, so a table of the characters'
 * folds (made by {@link WordLists#fold} itself) serves. Lower-casing there depends on no neighbour, the canonical
 * decomposition of a word is its characters' decompositions (only marks get reordered, and all marks are removed)
 * and the replacements after it are of single characters.
 */
final class LatinFold {
    private LatinFold() {}

    /** Characters below this fold by the table. */
    private static final char COVERED = 0x370;
    private static final String[] FOLDS = new String[COVERED];

    static {
        for (char c = 0; c < COVERED; c++) {
            FOLDS[c] = WordLists.fold(String.valueOf(c));
        }
    }

    /** {@code WordLists.fold(text.substring(start, end))}. */
    static String fold(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) >= COVERED) {
                return WordLists.fold(text.substring(start, end));
            }
        }
        StringBuilder out = new StringBuilder(end - start + 4);
        for (int i = start; i < end; i++) {
            out.append(FOLDS[text.charAt(i)]);
        }
        return out.toString();
    }
}
