package dev.bulwark.anomaly;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** The words of a declared intent, and of a tool's name, that can tie a tool to an intent. */
final class IntentTerms {
    static final int MAX_TERMS = 24;
    /**
     * Longer runs of letters are not words that can name a tool (tool names are short) and are skipped: kept, 64 of
     * them per principal at up to 4,096 characters each made one baseline hold most of a megabyte.
     */
    static final int MAX_WORD = 40;
    private static final Set<String> STOP = Set.of("the", "and", "for", "with", "from", "into", "this", "that", "then",
            "all", "our", "their", "its", "are", "was", "were", "please", "about", "any", "some", "get", "find", "list",
            "use", "using", "make", "new", "can", "you", "your", "out", "not", "per", "via");

    private IntentTerms() {}

    static Set<String> of(String text) {
        Set<String> terms = new LinkedHashSet<>();
        if (text == null) {
            return terms;
        }
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > MAX_WORD) {
                continue;
            }
            String stem = stem(word);
            if (stem.length() >= 3 && !STOP.contains(stem) && terms.size() < MAX_TERMS) {
                terms.add(stem);
            }
        }
        return terms;
    }

    /** A crude plural cut, so "customers" and "customer" meet. */
    private static String stem(String word) {
        return word.length() > 4 && word.endsWith("s") && !word.endsWith("ss") ? word.substring(0, word.length() - 1)
                : word;
    }
}
