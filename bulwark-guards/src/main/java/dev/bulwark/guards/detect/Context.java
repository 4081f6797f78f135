package dev.bulwark.guards.detect;

import java.util.Locale;
import java.util.regex.Pattern;

/** Looks for context words near a candidate: they raise (or, for negative words, lower) its score. */
final class Context {
    private Context() {}

    /** Builds a case-insensitive whole-word pattern from alternatives. */
    static Pattern words(String... alternatives) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    static boolean before(String text, int start, int window, Pattern words) {
        int from = Math.max(0, start - window);
        return words.matcher(text).region(from, start).find();
    }

    static boolean after(String text, int end, int window, Pattern words) {
        int to = Math.min(text.length(), end + window);
        return words.matcher(text).region(end, to).find();
    }

    static boolean around(String text, int start, int end, int window, Pattern words) {
        return before(text, start, window, words) || after(text, end, window, words);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
