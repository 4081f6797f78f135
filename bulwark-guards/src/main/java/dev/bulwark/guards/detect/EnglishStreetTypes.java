package dev.bulwark.guards.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The street-type words of {@link AddressRecognizer}'s English grammar ("Street", "Ave", "Rds"...), looked up in
 * the text without copying: every ENGLISH match ends in one, so a house number with none ahead on its line cannot
 * begin a match.
 */
final class EnglishStreetTypes {
    private EnglishStreetTypes() {}

    /** The words {@code EN_TYPES} matches (without a trailing full stop), by first letter A-Z and then by length. */
    private static final String[][][] WORDS = table();
    /**
     * Bound (exclusive) on how far an ENGLISH match's street type starts after the blanks following its first
     * number: a second number (up to 13 characters) and three blanks, a compass letter, full stop and three blanks,
     * then four words of up to 31 code points (two chars each outside the BMP) with three blanks each.
     */
    private static final int WITHIN = 13 + 3 + 5 + 4 * (31 * 2 + 3) + 1;

    private static String[][][] table() {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("[A-Z][A-Za-z]+").matcher(AddressRecognizer.EN_TYPES);
        while (m.find()) {
            words.add(m.group());
            words.add(m.group() + "s");
        }
        // "Terr?" stands for "Ter" and "Terr".
        words.add("Ter");
        int longest = words.stream().mapToInt(String::length).max().orElse(0);
        String[][][] table = new String[26][longest + 1][];
        for (String w : words) {
            String[] old = table[w.charAt(0) - 'A'][w.length()];
            String[] grown = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = w;
            table[w.charAt(0) - 'A'][w.length()] = grown;
        }
        return table;
    }

    private static final Pattern TWO_LISTS = Pattern.compile("\\(\\?:\\(\\?:([^()]*)\\)s\\?\\|\\(\\?:([^()]*)\\)\\\\\\.\\?\\)");

    /**
     * The alternatives of {@code types} ({@code (?:(?:Street|...)s?|(?:St|...)\.?)}) in the order the pattern tries
     * them: the words taking an optional plural "s", then those taking an optional full stop ({@code Terr?} is
     * "Terr", then "Ter").
     */
    static List<List<String>> alternatives(String types) {
        Matcher m = TWO_LISTS.matcher(types);
        if (!m.matches()) {
            throw new IllegalStateException("unexpected street-type pattern: " + types);
        }
        List<List<String>> lists = List.of(new ArrayList<>(), new ArrayList<>());
        for (int group = 1; group <= 2; group++) {
            for (String word : m.group(group).split("\\|")) {
                if (word.endsWith("?")) {
                    lists.get(group - 1).add(word.substring(0, word.length() - 1));
                    word = word.substring(0, word.length() - 2);
                }
                if (!word.matches("[A-Za-z]+")) {
                    throw new IllegalStateException("unexpected street type: " + word);
                }
                lists.get(group - 1).add(word);
            }
        }
        return lists;
    }

    /** Whether the ASCII letters {@code text[start, end)} are one of the street-type words (case-sensitive). */
    static boolean is(String text, int start, int end) {
        char first = text.charAt(start);
        int length = end - start;
        if (first < 'A' || first > 'Z' || length >= WORDS[0].length) {
            return false;
        }
        String[] words = WORDS[first - 'A'][length];
        if (words != null) {
            for (String w : words) {
                if (text.startsWith(w, start)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a street-type word is the ASCII letters at the start of a blank-separated token within
     * {@link #WITHIN} characters of {@code j} on the same line ({@code j} itself starting a token).
     */
    static boolean ahead(String text, int j) {
        return new Ahead(TextShape.of(text)).at(j);
    }

    /**
     * {@link #ahead} for the numbers of one text in turn: what one look from a place finds (the first street-type
     * token, or else the line break or the end of the text) answers for every later place up to it, so the text is
     * read about once. A street-type word after a blank starts a word of {@link TextShape}, so the look goes over
     * the word starts; line breaks are found with {@link String#indexOf(int, int)}.
     */
    static final class Ahead {
        private final TextShape shape;
        private final String text;
        /** Where the last look started; its findings hold for places from here up to {@link #until}. */
        private int from = Integer.MAX_VALUE;
        private int until;
        /** The first street-type word after a blank at or after {@link #from}, before any line break; or -1. */
        private int type;
        /** The first start of {@link #shape} at or after {@link #from}. */
        private int next;

        Ahead(TextShape shape) {
            this.shape = shape;
            this.text = shape.text();
        }

        /**
         * {@link EnglishStreetTypes#ahead} at {@code j}. Tokens after {@code j} start right after a blank; the
         * characters between are letters, blanks and others, and a line break among them ends the search.
         */
        boolean at(int j) {
            if (j < from || j > until) {
                look(j);
            }
            if (typeAt(j)) {
                return true;
            }
            return type >= 0 && type < j + WITHIN;
        }

        /** Finds the first street-type token after a blank from {@code j} on, stopping at a line break. */
        private void look(int j) {
            if (j < from) {
                next = 0;
            }
            from = j;
            type = -1;
            int lineBreak = lineBreak(j);
            while (next < shape.count() && shape.start(next) < j) {
                next++;
            }
            for (int k = next; k < shape.count(); k++) {
                int p = shape.start(k);
                if (p >= lineBreak) {
                    break;
                }
                char c = text.charAt(p);
                if (c >= 'A' && c <= 'Z' && p > 0 && (text.charAt(p - 1) == ' ' || text.charAt(p - 1) == '\t')
                        && typeAt(p)) {
                    type = p;
                    until = p;
                    return;
                }
            }
            until = lineBreak;
        }

        /** The first carriage return or line feed at or after {@code j}, or the text's length. */
        private int lineBreak(int j) {
            int n = text.indexOf('\n', j);
            int r = text.indexOf('\r', j);
            n = n < 0 ? text.length() : n;
            return r < 0 ? n : Math.min(n, r);
        }

        /** Whether the run of ASCII letters at {@code p} is a street-type word. */
        private boolean typeAt(int p) {
            if (p >= text.length() || text.charAt(p) < 'A' || text.charAt(p) > 'Z') {
                return false;
            }
            int e = p + 1;
            while (e < text.length() && asciiLetter(text.charAt(e))) {
                e++;
            }
            return is(text, p, e);
        }
    }

    private static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
