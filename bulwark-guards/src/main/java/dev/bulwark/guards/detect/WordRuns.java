package dev.bulwark.guards.detect;

/**
 * Runs of {@link ContextWords#wordChar word characters} and the gaps between them in a char array, read forwards
 * up to a length or backwards down to the start; what {@link ContextWindow}'s fast and slow readings share.
 */
final class WordRuns {
    private WordRuns() {}

    /** The first word character at or after {@code i}, or {@code length} when none is before it. */
    static int nextWord(char[] text, int i, int length) {
        while (i < length && !ContextWords.wordChar(text[i])) {
            i++;
        }
        return i;
    }

    /** The end of the word characters running from {@code i} (before {@code length}). */
    static int wordEnd(char[] text, int i, int length) {
        while (i < length && ContextWords.wordChar(text[i])) {
            i++;
        }
        return i;
    }

    /**
     * The end of the nearest word before {@code i} on its line: {@code i} moved back over chars that are neither
     * word characters nor line feeds. Whether a word ends there is for the caller to ask (a line feed or the start
     * of the text may stop the move first).
     */
    static int previousWordOnLine(char[] text, int i) {
        while (i > 0 && !ContextWords.wordChar(text[i - 1]) && text[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    /** The start of the word characters running back from {@code i}. */
    static int wordStart(char[] text, int i) {
        while (i > 0 && ContextWords.wordChar(text[i - 1])) {
            i--;
        }
        return i;
    }
}
