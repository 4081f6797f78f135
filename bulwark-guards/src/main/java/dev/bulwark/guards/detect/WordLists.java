package dev.bulwark.guards.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The general word lists shipped as resources (given names, family names, countries, regions, cities, English stop
 * words). Lookups are by {@link #fold(String) folded} form, so "Sören", "SOREN" and "soren" are the same word.
 */
public final class WordLists {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    final Set<String> firstNames;
    final Set<String> surnames;
    final Set<String> places;
    final Set<String> countries;
    final Set<String> stopWords;
    final Set<String> groups;
    /** Common English words that are none of the listed names, places or groups ({@code common-words-en.txt}). */
    private final Set<String> commonWords;
    /** The same words for lookups without a string. */
    private final CommonWords commonTable;

    /** Bits of {@link #kindsOf}: which of the sets above hold a word. */
    static final int FIRST_NAME = 1;
    static final int SURNAME = 2;
    static final int STOP_WORD = 4;
    static final int PLACE = 8;
    static final int COUNTRY = 16;
    static final int GROUP = 32;

    /**
     * Every entry of the sets above with the sets holding it, so a word costs one probe of one table instead of a
     * probe of each (large) set, most of which miss the processor's caches.
     */
    private final java.util.Map<String, Integer> kinds;

    private WordLists() {
        firstNames = words("first-names.txt");
        surnames = words("surnames.txt");
        countries = lines("countries.txt");
        places = new HashSet<>(countries);
        places.addAll(lines("regions.txt"));
        places.addAll(lines("cities.txt"));
        stopWords = lines("stop-words-en.txt");
        groups = lines("groups.txt");
        Set<String> common = new HashSet<>(lines("common-words-en.txt"));
        common.removeAll(firstNames);
        common.removeAll(surnames);
        common.removeAll(places);
        common.removeAll(groups);
        common.removeAll(stopWords);
        commonWords = lookup(common);
        commonTable = new CommonWords(common);
        java.util.Map<String, Integer> k = new java.util.HashMap<>();
        mark(k, firstNames, FIRST_NAME);
        mark(k, surnames, SURNAME);
        mark(k, stopWords, STOP_WORD);
        mark(k, places, PLACE);
        mark(k, countries, COUNTRY);
        mark(k, groups, GROUP);
        kinds = java.util.Collections.unmodifiableMap(k);
    }

    /** Every listed word (folded; multi-word entries joined by single spaces) with its {@link #kindsOf} bits. */
    java.util.Map<String, Integer> kindsByWord() {
        return kinds;
    }

    private static void mark(java.util.Map<String, Integer> kinds, Set<String> words, int kind) {
        for (String w : words) {
            kinds.merge(w, kind, (a, b) -> a | b);
        }
    }

    /** The {@link #FIRST_NAME}, {@link #SURNAME}, ... bits of the sets holding exactly this string; 0 for none. */
    int kindsOf(String word) {
        Integer k = kinds.get(word);
        return k == null ? 0 : k;
    }

    private static final class Holder {
        static final WordLists INSTANCE = new WordLists();
    }

    public static WordLists shared() {
        return Holder.INSTANCE;
    }

    /**
     * Whether the folded word is a common English word and no listed name, place, group or stop word: a phrase of
     * such words ("Help Center") is no name.
     */
    boolean common(String folded) {
        if (commonWords.contains(folded)) {
            return true;
        }
        // "sign-on", "follow-up": every part a common word or a stop word, at least one common.
        int dash = folded.indexOf('-');
        if (dash < 0) {
            return false;
        }
        boolean any = false;
        for (String part : folded.split("-")) {
            boolean common = commonWords.contains(part);
            if (!common && !stopWords.contains(part)) {
                return false;
            }
            any |= common;
        }
        return any;
    }

    /**
     * {@link #common(String)} of the folded word {@code folds[from, to)}, whose {@link WordTable#hash} is
     * {@code hash}, without a string unless it holds a hyphen.
     */
    boolean common(char[] folds, int from, int to, int hash) {
        if (commonTable.contains(folds, from, to, hash)) {
            return true;
        }
        for (int i = from; i < to; i++) {
            if (folds[i] == '-') {
                return common(new String(folds, from, to - from));
            }
        }
        return false;
    }

    /** English stop words (spaCy's list), lower case. */
    public Set<String> englishStopWords() {
        return Set.copyOf(stopWords);
    }

    /**
     * An unmodifiable hash set for hot lookups: it compares cached hash codes before calling {@code equals}, where
     * {@code Set.of}/{@code Set.copyOf} call {@code equals} on every probed slot (most lookups here are misses).
     */
    static Set<String> lookup(java.util.Collection<String> words) {
        return java.util.Collections.unmodifiableSet(new HashSet<>(words));
    }

    /** Lower case without diacritics; a few letters that do not decompose are spelled out. */
    public static String fold(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        boolean ascii = true;
        for (int i = 0; i < lower.length(); i++) {
            if (lower.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return lower.indexOf('\'') < 0 ? lower : lower.replace("'", "");
        }
        String s = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        s = s.replace("ø", "o").replace("ł", "l").replace("ß", "ss").replace("æ", "ae").replace("đ", "d")
                .replace("œ", "oe").replace("ı", "i").replace("þ", "th").replace("ð", "d").replace("'", "")
                .replace("’", "");
        return s;
    }

    private static Set<String> words(String resource) {
        Set<String> out = new HashSet<>();
        for (String line : lines(resource)) {
            for (String w : line.split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(fold(w));
                }
            }
        }
        return lookup(out);
    }

    /** Non-comment lines, folded; for multi-word entries the words are joined by single spaces. */
    private static Set<String> lines(String resource) {
        Set<String> out = new HashSet<>();
        try (InputStream in = WordLists.class.getResourceAsStream("/dev/bulwark/guards/words/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("word list missing from the classpath: " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(resource.startsWith("stop") ? t.toLowerCase(Locale.ROOT) : fold(t.replaceAll("\\s+", " ")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read word list " + resource, e);
        }
        return lookup(out);
    }
}
