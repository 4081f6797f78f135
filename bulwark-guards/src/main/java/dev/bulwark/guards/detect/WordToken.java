package dev.bulwark.guards.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word of the matching text with its shape. A trailing period belongs to the word only for initials and known
 * abbreviations (titles), never for an ordinary word ending a sentence.
 */
record WordToken(int start, int end, String text, String folded, Shape shape, boolean lineBreakBefore,
                 boolean joinedToPrevious, boolean possessive) {

    enum Shape { CAPITALISED, UPPER, INITIAL, LOWER, OTHER }

    /** Abbreviations whose period is part of the word. */
    private static final java.util.Set<String> ABBREVIATIONS = java.util.Set.of("mr", "mrs", "ms", "dr", "prof",
            "st", "jr", "sr", "mt", "ft", "ave", "rd", "blvd", "inc", "ltd", "co", "corp", "apt", "no", "rev", "gen",
            "col", "capt", "lt", "sgt", "mme", "mlle", "messrs", "mx", "fr", "u", "ul", "al", "av", "str");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}](?:[\\p{L}\\p{M}]|['’-](?=[\\p{L}]))*+\\.?");

    static List<WordToken> of(String text) {
        List<WordToken> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        int previousEnd = -1;
        while (m.find()) {
            int s = m.start();
            String w = m.group();
            boolean dot = w.endsWith(".");
            String core = dot ? w.substring(0, w.length() - 1) : w;
            boolean possessive = core.endsWith("'s") || core.endsWith("’s");
            if (possessive) {
                core = core.substring(0, core.length() - 2);
            }
            Shape shape = shape(core);
            boolean keepDot = dot && !possessive && (shape == Shape.INITIAL
                    || ABBREVIATIONS.contains(core.toLowerCase(java.util.Locale.ROOT)));
            int end = s + core.length() + (keepDot ? 1 : 0);
            String gap = previousEnd < 0 ? "" : text.substring(previousEnd, s);
            boolean lineBreak = previousEnd < 0 || gap.indexOf('\n') >= 0 || gap.indexOf('\r') >= 0;
            boolean joined = previousEnd >= 0 && !lineBreak && gap.chars().allMatch(c -> c == ' ' || c == '\t')
                    && gap.length() <= 3;
            out.add(new WordToken(s, end, core, WordLists.fold(core), shape, lineBreak, joined, possessive));
            previousEnd = end;
        }
        return out;
    }

    private static Shape shape(String w) {
        if (w.isEmpty()) {
            return Shape.OTHER;
        }
        int cp = w.codePointAt(0);
        if (!Character.isUpperCase(cp)) {
            return Character.isLowerCase(cp) ? Shape.LOWER : Shape.OTHER;
        }
        if (w.length() == Character.charCount(cp)) {
            return Shape.INITIAL;
        }
        boolean lower = false;
        for (int i = 1; i < w.length(); i++) {
            if (Character.isLowerCase(w.charAt(i))) {
                lower = true;
                break;
            }
        }
        return lower ? Shape.CAPITALISED : Shape.UPPER;
    }

    boolean capital() {
        return shape == Shape.CAPITALISED || shape == Shape.UPPER || shape == Shape.INITIAL;
    }
}
