package dev.bulwark.guards.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizer {@link WordTokens} replaced, one record and several strings per word, kept as the reference the
 * differential tests compare it with. A trailing period belongs to the word only for initials and known
 * abbreviations (titles), never for an ordinary word ending a sentence.
 */
record ReferenceWordToken(int start, int end, String text, String folded, Shape shape, boolean lineBreakBefore,
                 boolean joinedToPrevious, boolean possessive, int kinds) {

    enum Shape { CAPITALISED, UPPER, INITIAL, LOWER, OTHER }

    /** Abbreviations whose period is part of the word. */
    private static final java.util.Set<String> ABBREVIATIONS = WordLists.lookup(java.util.List.of("mr", "mrs", "ms", "dr", "prof",
            "st", "jr", "sr", "mt", "ft", "ave", "rd", "blvd", "inc", "ltd", "co", "corp", "apt", "no", "rev", "gen",
            "col", "capt", "lt", "sgt", "mme", "mlle", "messrs", "mx", "fr", "u", "ul", "al", "av", "str"));


    static List<ReferenceWordToken> of(String text) {
        List<ReferenceWordToken> out = new ArrayList<>();
        WordLists lists = WordLists.shared();
        int previousEnd = -1;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!letter(c)) {
                i++;
                continue;
            }
            int s = i;
            i++;
            // Letters and marks, with ' ’ - inside a word when a letter follows.
            while (i < n) {
                char d = text.charAt(i);
                if (letter(d)) {
                    i++;
                } else if ((d == '\'' || d == '’' || d == '-') && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
                    i += 2;
                } else {
                    break;
                }
            }
            boolean dot = i < n && text.charAt(i) == '.';
            String core = text.substring(s, i);
            boolean possessive = core.endsWith("'s") || core.endsWith("’s");
            if (possessive) {
                core = core.substring(0, core.length() - 2);
            }
            if (core.isEmpty()) {
                continue;
            }
            Shape shape = shape(core);
            boolean keepDot = dot && !possessive && (shape == Shape.INITIAL
                    || ABBREVIATIONS.contains(core.toLowerCase(java.util.Locale.ROOT)));
            int end = s + core.length() + (keepDot ? 1 : 0);
            boolean lineBreak = previousEnd < 0;
            boolean joined = false;
            if (previousEnd >= 0) {
                int gapLength = s - previousEnd;
                boolean spaces = true;
                for (int k = previousEnd; k < s; k++) {
                    char g = text.charAt(k);
                    if (g == '\n' || g == '\r') {
                        lineBreak = true;
                    }
                    spaces &= g == ' ' || g == '\t';
                }
                joined = !lineBreak && spaces && gapLength <= 3;
            }
            String folded = WordLists.fold(core);
            out.add(new ReferenceWordToken(s, end, core, folded, shape, lineBreak, joined, possessive, lists.kindsOf(folded)));
            previousEnd = end;
            if (keepDot) {
                i++;
            }
        }
        return out;
    }

    private static boolean letter(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        int t = Character.getType(c);
        return Character.isLetter(c) || t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK;
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

    /** Whether the folded word is in one of the {@link WordLists} sets named by the bits of {@code kind}. */
    boolean in(int kind) {
        return (kinds & kind) != 0;
    }

    boolean capital() {
        return shape == Shape.CAPITALISED || shape == Shape.UPPER || shape == Shape.INITIAL;
    }
}
