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
    /** Longest stretch an ENGLISH match can run from the first word after its number to its street type. */
    private static final int WITHIN = 200;

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
        int limit = Math.min(text.length(), j + WITHIN);
        int k = j;
        while (k < limit) {
            int e = k;
            while (e < text.length() && asciiLetter(text.charAt(e))) {
                e++;
            }
            if (e > k && is(text, k, e)) {
                return true;
            }
            while (e < limit && text.charAt(e) != ' ' && text.charAt(e) != '\t') {
                if (text.charAt(e) == '\n' || text.charAt(e) == '\r') {
                    return false;
                }
                e++;
            }
            while (e < limit && (text.charAt(e) == ' ' || text.charAt(e) == '\t')) {
                e++;
            }
            k = e;
        }
        return false;
    }

    private static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
