package dev.bulwark.guards.detect;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The string-based context phrase lookup {@link ContextWords} replaced, kept as the reference the differential tests
 * compare it with: one to three words before or after a candidate, in lower case, looked up in hash sets.
 */
final class ReferenceContextWords {
    private final Set<String> phrases;
    /** First and last words of the phrases of more than one word: a longer phrase is built only around these. */
    private final Set<String> firstWords;
    private final Set<String> lastWords;

    ReferenceContextWords(String... phrases) {
        Set<String> s = new HashSet<>();
        Set<String> first = new HashSet<>();
        Set<String> last = new HashSet<>();
        for (String p : phrases) {
            String lower = p.toLowerCase(Locale.ROOT);
            s.add(lower);
            String[] words = lower.split(" ");
            if (words.length > 1) {
                first.add(words[0]);
                last.add(words[words.length - 1]);
            }
        }
        this.phrases = WordLists.lookup(s);
        this.firstWords = WordLists.lookup(first);
        this.lastWords = WordLists.lookup(last);
    }

    /** Whether one of the phrases ends within the {@code words} words before {@code start}. */
    boolean before(String text, int start, int words) {
        return before(Preceding.of(text, start, words), words);
    }

    /** As {@link #before(String, int, int)} on words collected once for several phrase lists. */
    boolean before(Preceding preceding, int words) {
        String[] w = preceding.words;
        int n = Math.min(words, preceding.count);
        // w[0] is the nearest word.
        for (int k = 0; k < n; k++) {
            if (phrases.contains(w[k])) {
                return true;
            }
            if (!lastWords.contains(w[k])) {
                continue;
            }
            if (k + 1 < n && phrases.contains(w[k + 1] + " " + w[k])) {
                return true;
            }
            if (k + 2 < n && phrases.contains(w[k + 2] + " " + w[k + 1] + " " + w[k])) {
                return true;
            }
        }
        return false;
    }

    /** The lower-case words before an index on its line, nearest first; collected once, read by several lists. */
    static final class Preceding {
        private final String[] words;
        private final int count;

        private Preceding(String[] words, int count) {
            this.words = words;
            this.count = count;
        }

        /** Up to {@code max} words before {@code start}. */
        static Preceding of(String text, int start, int max) {
            String[] w = new String[max];
            int n = 0;
            int i = start;
            while (n < max) {
                // Context belongs to the same line: a label on the line above says nothing about this word.
                while (i > 0 && !wordChar(text.charAt(i - 1)) && text.charAt(i - 1) != '\n') {
                    i--;
                }
                if (i == 0 || !wordChar(text.charAt(i - 1))) {
                    break;
                }
                int end = i;
                while (i > 0 && wordChar(text.charAt(i - 1))) {
                    i--;
                }
                w[n++] = text.substring(i, end).toLowerCase(Locale.ROOT);
            }
            return new Preceding(w, n);
        }
    }

    /** Whether one of the phrases starts within the {@code words} words after {@code end}. */
    boolean after(String text, int end, int words) {
        String[] w = new String[words];
        int n = 0;
        int i = end;
        int len = text.length();
        while (n < words) {
            while (i < len && !wordChar(text.charAt(i))) {
                i++;
            }
            if (i >= len) {
                break;
            }
            int s = i;
            while (i < len && wordChar(text.charAt(i))) {
                i++;
            }
            w[n++] = text.substring(s, i).toLowerCase(Locale.ROOT);
        }
        for (int k = 0; k < n; k++) {
            if (phrases.contains(w[k])) {
                return true;
            }
            if (!firstWords.contains(w[k])) {
                continue;
            }
            if (k + 1 < n && phrases.contains(w[k] + " " + w[k + 1])) {
                return true;
            }
            if (k + 2 < n && phrases.contains(w[k] + " " + w[k + 1] + " " + w[k + 2])) {
                return true;
            }
        }
        return false;
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'' || c == '’';
    }
}
