package dev.bulwark.guards.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cheap necessary conditions for {@link AddressRecognizer}'s street grammars, checked at a start of the text before
 * the grammar's pattern runs there (see {@link Anchored}), and the text-wide check that lets the Germanic grammar be
 * skipped when no word could pass its street-name test.
 */
final class AddressStarts {
    private AddressStarts() {}

    /** Each match ends in a house number, a digit at most this far after its first word's start. */
    static final int NUMBER_WITHIN = 100;
    /** The words {@code ROMANCE_PREFIX} matches; a ROMANCE match starting at a letter starts with one of them. */
    private static final List<String> ROMANCE_WORDS = List.of("Rua", "Rue", "Via", "Viale",
            "Vicolo", "Calle", "Carrer", "Avenida", "Avda", "Avda.", "Av.", "Avenue", "Piazza", "Piazzale", "Plaza",
            "Praça", "Praca", "Travessa", "Largo", "Corso", "Strada", "Str.", "Ulica", "ul.", "Aleja", "al.",
            "Boulevard", "Bd", "Bd.", "Chemin", "Allée", "Allee", "Impasse", "Quai", "Place", "Camino", "Paseo",
            "Carretera", "Estrada", "Rodovia", "Alameda", "Ronda", "Cesta", "Trg", "Bulevar", "Odos", "Leoforos",
            "Sokak", "Sok.", "Caddesi", "Cad.", "Straße", "Strasse", "Utca", "Út");
    private static final int LONGEST_ROMANCE_WORD = 9;

    static boolean digitStart(TextShape shape, int i) {
        char c = shape.text().charAt(i);
        return c >= '0' && c <= '9';
    }

    /** {@link #ROMANCE_WORDS} by their first character (all below U+0100). */
    private static final String[][] ROMANCE_BY_INITIAL = byInitial(ROMANCE_WORDS);

    private static String[][] byInitial(List<String> words) {
        String[][] table = new String[0x100][];
        for (String w : words) {
            String[] old = table[w.charAt(0)];
            String[] grown = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = w;
            table[w.charAt(0)] = grown;
        }
        return table;
    }

    /** Whether the text at {@code i} up to the next space or tab is one of {@link #ROMANCE_WORDS}. */
    static boolean romanceWord(TextShape shape, int i) {
        String text = shape.text();
        if (i >= text.length() || text.charAt(i) >= 0x100) {
            return false;
        }
        String[] candidates = ROMANCE_BY_INITIAL[text.charAt(i)];
        if (candidates == null) {
            return false;
        }
        int limit = Math.min(text.length(), i + LONGEST_ROMANCE_WORD + 1);
        for (int j = i + 1; j < limit; j++) {
            char c = text.charAt(j);
            if (c == ' ' || c == '\t') {
                for (String word : candidates) {
                    if (word.length() == j - i && text.startsWith(word, i)) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }

    /**
     * A GERMANIC match starting at a letter is one or two words (letters, marks, {@code '’.-}) apart by spaces,
     * tabs or hyphens, then spaces or tabs and a house number: at most two runs of spaces (hyphens aside) before
     * the first digit.
     */
    static boolean germanicWords(TextShape shape, int i) {
        String text = shape.text();
        int gaps = 0;
        boolean space = false;
        int limit = Math.min(text.length(), i + NUMBER_WITHIN);
        for (int j = i; j < limit; j++) {
            char c = text.charAt(j);
            if (c == ' ' || c == '\t') {
                if (!space && ++gaps > 2) {
                    return false;
                }
                space = true;
            } else if (c >= '0' && c <= '9') {
                return space;
            } else if (c == '-') {
                // Part of a word or of a separator ("Karl - Marx"): it neither opens nor closes a gap.
                continue;
            } else if (Character.isLetter(c) || c == '.' || c == '\'' || c == '’'
                    || Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.getType(c) == Character.COMBINING_SPACING_MARK
                    || Character.getType(c) == Character.ENCLOSING_MARK || Character.isSurrogate(c)) {
                space = false;
            } else {
                return false;
            }
        }
        return false;
    }

    /**
     * GERMANIC at a number: the pattern's leading house number ({@code NUM}, taken whole, see {@link #numberEnd})
     * and blanks, then what {@link #germanicWords} requires of a match starting at a letter, since the optional
     * capitalised word and the street name after the number begin with a letter.
     */
    static boolean germanicAfterNumber(TextShape shape, int i) {
        int end = numberEnd(shape, i);
        int j = skipBlanks(shape, end, " \t");
        return shape.digitRun(i) <= 6 && j > end && germanicWords(shape, j);
    }

    /**
     * NUMBERED at a number: up to six digits and blanks ({@link #numberThenSpace}), then words and separators up to
     * the second number: letters, marks, {@code '’.-}, blanks (and surrogates, halves of letters outside the BMP)
     * only. So the first other character is the second number's first digit, right after a blank.
     */
    static boolean numberedAfterNumber(TextShape shape, int i) {
        if (!numberThenSpace(shape, i)) {
            return false;
        }
        String text = shape.text();
        int j = skipBlanks(shape, i + shape.digitRun(i), " \t");
        boolean blank = false;
        for (int k = j; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == ' ' || c == '\t') {
                blank = true;
            } else if (digit(c)) {
                return blank;
            } else if (c == '-' || c == '.' || c == '\'' || c == '’' || wordChar(c)) {
                blank = false;
            } else {
                return false;
            }
        }
        return false;
    }

    /** A letter, a mark ({@code \p{M}}) or a surrogate. */
    private static boolean wordChar(char c) {
        if (c < 0x80) {
            return asciiLetter(c);
        }
        int type = Character.getType(c);
        return Character.isLetter(c) || Character.isSurrogate(c) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /** SHIP opens with a hull prefix and a space (case-sensitive). */
    static boolean shipStart(TextShape shape, int i) {
        String text = shape.text();
        return text.startsWith("USS ", i) || text.startsWith("USNS ", i) || text.startsWith("USNV ", i)
                || text.startsWith("USCGC ", i);
    }

    /** A number, then spaces or tabs: how NUMBERED starts. */
    static boolean numberThenSpace(TextShape shape, int i) {
        int run = shape.digitRun(i);
        String text = shape.text();
        return run <= 6 && i + run < text.length() && (text.charAt(i + run) == ' ' || text.charAt(i + run) == '\t');
    }

    /**
     * Where a house number ({@code NUM}) at {@code i} ends when it takes every optional piece it can: the only end
     * after which a separator can follow, since any shorter end is followed by a letter, digit, hyphen or slash.
     */
    private static int numberEnd(TextShape shape, int i) {
        int j = i + shape.digitRun(i);
        if (asciiLetter(shape.at(j))) {
            j++;
        }
        char c = shape.at(j);
        if ((c == '-' || c == '/') && digit(shape.at(j + 1))) {
            j += 1 + shape.digitRun(j + 1);
            if (asciiLetter(shape.at(j))) {
                j++;
            }
        }
        return j;
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int skipBlanks(TextShape shape, int j, String blanks) {
        while (j < shape.text().length() && blanks.indexOf(shape.at(j)) >= 0) {
            j++;
        }
        return j;
    }

    /**
     * ENGLISH at a number: the number, blanks, then a capital, a digit or a compass letter: what can come before the
     * street-type word.
     */
    static boolean englishAfterNumber(TextShape shape, int i) {
        int end = numberEnd(shape, i);
        int j = skipBlanks(shape, end, " \t");
        char c = shape.at(j);
        return shape.digitRun(i) <= 6 && j > end && (Character.isUpperCase(c) || digit(c)
                || Character.isHighSurrogate(c)) && streetTypeAhead(shape.text(), j);
    }

    /** The words {@code EN_TYPES} matches, without a trailing full stop. */
    private static final java.util.Set<String> EN_TYPE_WORDS = englishTypeWords();
    /** The longest word of {@link #EN_TYPE_WORDS}. */
    private static final int LONGEST_EN_TYPE = EN_TYPE_WORDS.stream().mapToInt(String::length).max().orElse(0);
    /** Longest stretch an ENGLISH match can run from the first word after its number to its street type. */
    private static final int STREET_TYPE_WITHIN = 200;

    private static java.util.Set<String> englishTypeWords() {
        java.util.Set<String> words = new java.util.HashSet<>();
        Matcher m = Pattern.compile("[A-Za-z]+").matcher(AddressRecognizer.EN_TYPES);
        while (m.find()) {
            words.add(m.group());
            words.add(m.group() + "s");
        }
        // "Terr?" stands for "Ter" and "Terr".
        words.add("Ter");
        return WordLists.lookup(words);
    }

    /**
     * Whether a word of {@link #EN_TYPE_WORDS} starts a blank-separated token within {@link #STREET_TYPE_WITHIN}
     * characters of {@code j} on the same line: every ENGLISH match ends in one.
     */
    private static boolean streetTypeAhead(String text, int j) {
        int limit = Math.min(text.length(), j + STREET_TYPE_WITHIN);
        int k = j;
        while (k < limit) {
            int e = k;
            while (e < text.length() && asciiLetter(text.charAt(e))) {
                e++;
            }
            // Every street type EN_TYPES matches starts with a capital and is at least two letters long.
            char first = text.charAt(k);
            if (first >= 'A' && first <= 'Z' && e - k >= 2 && e - k <= LONGEST_EN_TYPE
                    && EN_TYPE_WORDS.contains(text.substring(k, e))) {
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

    /** ROMANCE at a number: the number, blanks or commas, then one of {@link #ROMANCE_WORDS}. */
    static boolean romanceAfterNumber(TextShape shape, int i) {
        int end = numberEnd(shape, i);
        int j = skipBlanks(shape, end, " \t,");
        return shape.digitRun(i) <= 6 && j > end && romanceWord(shape, j);
    }

    /**
     * The openings of a post-office, military or unit box ({@code BOX}): "P", an optional full stop and space, "O",
     * an optional full stop and space and "Box"; "Post Office Box" or "Postal Office Box"; "PSC ", "Unit " or
     * "CMR " (the pattern is ASCII case-insensitive; {@code regionMatches} folds a few more letters, which only
     * lets more starts through).
     */
    static boolean boxStart(TextShape shape, int i) {
        String text = shape.text();
        char c = (char) (text.charAt(i) | 0x20);
        if (c == 'p') {
            int j = i + 1;
            if (shape.at(j) == '.') {
                j++;
            }
            if (shape.at(j) == ' ') {
                j++;
            }
            if ((shape.at(j) | 0x20) == 'o') {
                j++;
                if (shape.at(j) == '.') {
                    j++;
                }
                if (shape.at(j) == ' ') {
                    j++;
                }
                if (text.regionMatches(true, j, "box", 0, 3)) {
                    return true;
                }
            }
            return text.regionMatches(true, i, "post office box", 0, 15)
                    || text.regionMatches(true, i, "postal office box", 0, 17)
                    || text.regionMatches(true, i, "psc ", 0, 4);
        }
        return c == 'u' && text.regionMatches(true, i, "unit ", 0, 5)
                || c == 'c' && text.regionMatches(true, i, "cmr ", 0, 4);
    }

    /** Street endings, lower case, grouped by last character. */
    private static final java.util.Map<Character, List<String>> ENDINGS_BY_LAST =
            byLast(AddressRecognizer.STREET_ENDINGS);
    /** Street words, lower case, grouped by last character. */
    private static final java.util.Map<Character, List<String>> WORDS_BY_LAST =
            byLast(AddressRecognizer.STREET_WORDS);

    private static java.util.Map<Character, List<String>> byLast(List<String> list) {
        java.util.Map<Character, List<String>> byLast = new java.util.HashMap<>();
        for (String e : list) {
            byLast.computeIfAbsent(e.charAt(e.length() - 1), c -> new java.util.ArrayList<>()).add(e);
        }
        java.util.Map<Character, List<String>> copy = new java.util.HashMap<>();
        byLast.forEach((c, l) -> copy.put(c, List.copyOf(l)));
        return java.util.Map.copyOf(copy);
    }

    /**
     * Whether some word of the text could be the street name {@code AddressRecognizer.streetNamed} accepts. That
     * name (group 2 of GERMANIC) is followed by one to three spaces or tabs and a house number, runs back from there
     * over letters, marks, dots and hyphens, and starts at that run's start, after a hyphen or after a mark; it is
     * accepted as a street word (when a word precedes it) or, capitalised, by its ending. Without such a word no
     * GERMANIC match is reported, so the pattern need not run.
     */
    static boolean streetNameBeforeNumber(TextShape shape) {
        String text = shape.text();
        for (int k = 0; k < shape.count(); k++) {
            if (shape.kind(k) != TextShape.DIGITS) {
                continue;
            }
            int number = shape.start(k);
            int end = number;
            while (end > 0 && number - end < 3 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
                end--;
            }
            int start = end;
            boolean ascii = true;
            while (start > 0 && nameChar(text.charAt(start - 1))) {
                start--;
                ascii &= text.charAt(start) < 0x80;
            }
            if (end == number || start == end) {
                continue;
            }
            char last = Character.toLowerCase(text.charAt(end - 1));
            if (ascii && !ENDINGS_BY_LAST.containsKey(last) && !WORDS_BY_LAST.containsKey(last)) {
                continue;
            }
            for (int c = start; c < end; c++) {
                boolean nameStart = c == start || text.charAt(c - 1) == '-'
                        || !Character.isLetter(text.charAt(c - 1)) && !Character.isSurrogate(text.charAt(c - 1));
                if (nameStart && Character.isLetter(text.codePointAt(c))
                        && (ascii ? asciiStreetName(text, c, end) : streetName(text.substring(c, end)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@link #streetName} on {@code text[start, end)} of ASCII letters, dots and hyphens, without copying it. */
    private static boolean asciiStreetName(String text, int start, int end) {
        int length = end - start;
        char last = Character.toLowerCase(text.charAt(end - 1));
        for (String word : WORDS_BY_LAST.getOrDefault(last, List.of())) {
            if (word.length() == length && text.regionMatches(true, start, word, 0, length)) {
                return true;
            }
        }
        if (!Character.isUpperCase(text.charAt(start))) {
            return false;
        }
        for (String ending : ENDINGS_BY_LAST.getOrDefault(last, List.of())) {
            int e = ending.length();
            if ((length >= e + 3 || length == e) && text.regionMatches(true, end - e, ending, 0, e)) {
                return true;
            }
        }
        return false;
    }

    /** {@code AddressRecognizer.streetNamed} on a name alone, supposing a word before it. */
    private static boolean streetName(String group) {
        String name = WordLists.fold(group);
        if (AddressRecognizer.STREET_WORDS.contains(name)) {
            return true;
        }
        if (!Character.isUpperCase(group.codePointAt(0))) {
            return false;
        }
        for (String ending : AddressRecognizer.STREET_ENDINGS) {
            if (name.length() >= ending.length() + 3 && name.endsWith(ending) || name.equals(ending)) {
                return true;
            }
        }
        return false;
    }

    private static boolean nameChar(char c) {
        if (c < 0x80) {
            return asciiLetter(c) || c == '.' || c == '-';
        }
        int type = Character.getType(c);
        return Character.isLetter(c) || Character.isSurrogate(c) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }
}
