package dev.bulwark.guards.detect;

import static dev.bulwark.guards.detect.ProperNounCues.*;

/**
 * Person names, places (GPE) and organisations from capitalisation, general word lists and context: runs of
 * capitalised words are scored as a person (given/family name lists, name-shaped endings, titles, "my name is"),
 * a place (country, region and city lists, "in"/"from" before an unknown name) or an organisation (legal and
 * institutional suffixes, "A, B and C" firm names).
 */
final class ProperNounRecognizer implements Recognizer {
    /** An introduction ending right before a lower-case given name; compiled once ({@code String.matches} would not). */
    private final WordTable table;
    private final NameGroupRecognizer groups;
    private final WordLists words;

    ProperNounRecognizer(WordLists words) {
        this.words = words;
        this.table = ProperNounCues.table(words);
        this.groups = new NameGroupRecognizer(words);
    }

    @Override
    public void recognize(String text, Candidates out) {
        WordTokens tokens = WordTokens.reused(text, table);
        int count = tokens.count;
        int i = 0;
        while (i < count) {
            if (!startsRun(tokens, i)) {
                if (tokens.shape(i) == WordTokens.LOWER) {
                    lowerCaseName(text, tokens, i, out);
                }
                i++;
                continue;
            }
            int j = i + 1;
            while (j < count && tokens.has(j, WordTokens.JOINED) && continuesRun(tokens, j) && j - i < 6) {
                j++;
            }
            while (j - 1 > i && !tokens.capital(j - 1)) {
                j--;
            }
            classify(text, tokens, i, j, out);
            i = j;
        }
        groups.recognize(tokens, out);
    }

    private static boolean startsRun(WordTokens t, int k) {
        return t.capital(k) && !t.in(k, NOT_NAME) && !roman(t, k) && !CodeWords.identifier(t, k);
    }

    /**
     * Roman numerals are two or more of I, V, X, L, C, D, M (an all-capitals shape): only such words go to
     * {@link ProperNounCues#ROMAN}.
     */
    private static boolean roman(WordTokens t, int k) {
        return t.shape(k) == WordTokens.UPPER && t.romanLetters(k) && ROMAN.matcher(t.text(k)).matches();
    }

    private static boolean continuesRun(WordTokens t, int j) {
        if (t.capital(j)) {
            // A legal form ("GmbH") continues a firm's name whatever its capitals.
            return !t.in(j, NOT_NAME) && !roman(t, j) && !CodeWords.identifier(t, j) || t.in(j, ORG_SUFFIX);
        }
        // A particle as written, all lower case ("van", not "Van" or "VAN"); the word lists are asked last, as
        // most lower-case words after a name are not followed by another.
        return t.has(j, WordTokens.PLAIN_LOWER) && j + 1 < t.count && t.capital(j + 1)
                && t.has(j + 1, WordTokens.JOINED) && t.inFiltered(j, PARTICLE);
    }

    private void classify(String text, WordTokens tokens, int from, int to, Candidates out) {
        // A title inside a run starts a new name: "Ask Mrs. Jennifer Lopez".
        for (int k = from + 1; k < to - 1; k++) {
            if (tokens.in(k, TITLE)) {
                classify(text, tokens, from, k, out);
                classify(text, tokens, k, to, out);
                return;
            }
        }
        int s = from;
        // Titles, greetings and stop words at the front are context, not part of the name.
        boolean titled = false;
        boolean greeted = false;
        while (s < to) {
            if (tokens.in(s, TITLE)) {
                titled = true;
                // A title is reported before a name only: "FR" or "MS" alone is a code.
                if (s + 1 < to) {
                    out.add("TITLE", tokens.start[s], tokens.end[s], 0.6, "title");
                }
            } else if (tokens.in(s, LEAD)) {
                greeted = true;
            } else if (!tokens.in(s, WordLists.STOP_WORD)) {
                break;
            }
            s++;
        }
        if (s < to && s == from && from > 0 && tokens.has(from, WordTokens.JOINED)
                && tokens.inFiltered(from - 1, TITLE)) {
            titled = true;
        }
        int e = to;
        while (e > s && tokens.in(e - 1, WordLists.STOP_WORD)) {
            e--;
        }
        if (s >= e) {
            return;
        }
        if (e - s == 1 && label(text, tokens, s)) {
            return;
        }
        if (e - s == 1 && tokens.shape(s) == WordTokens.UPPER && afterNumber(text, tokens.start[s])) {
            // "200 EUR", "5 GB", "10 PM": a capitalised word right after a number is a unit or currency.
            return;
        }
        int first = s;
        int last = e - 1;
        int start = tokens.start[first];
        int end = tokens.end[last];
        int n = e - s;
        if (tokens.in(last, ORG_SUFFIX) && n >= 2 && (tokens.shape(last) != WordTokens.UPPER
                || LEGAL_FORMS_IN_CAPITALS.contains(tokens.text(last)))) {
            out.add("ORGANIZATION", start, end, 0.7, "organization");
            return;
        }
        int phraseKinds = n == 1 ? tokens.bits(first) : phraseKinds(tokens, s, e);
        if ((phraseKinds & WordLists.PLACE) != 0) {
            double score = (phraseKinds & WordLists.COUNTRY) != 0 ? 0.8 : 0.7;
            out.add("GPE", start, end, score, "place");
            return;
        }
        // "Southern Tunisia", "Back To Canada": a known place closing a run of other words.
        for (int k = Math.min(3, n - 1); k >= 1; k--) {
            int tailKinds = k == 1 ? tokens.bits(last) : phraseKinds(tokens, e - k, e);
            if ((tailKinds & WordLists.PLACE) != 0 && !tokens.in(first, WordLists.FIRST_NAME)) {
                out.add("GPE", tokens.start[e - k], end, (tailKinds & WordLists.COUNTRY) != 0 ? 0.75 : 0.65,
                        "place");
                return;
            }
        }
        if (n == 1 && tokens.in(first, WordLists.GROUP)) {
            out.add("NRP", start, end, 0.6, "group");
            return;
        }
        boolean shouting = true;
        for (int k = s; k < e; k++) {
            shouting &= tokens.shape(k) == WordTokens.UPPER;
        }
        if (shouting && n >= 3) {
            return;
        }
        // A phrase of ordinary English words ("Help Center", "Waiting For Customer", "Dark Mode") is no name of a
        // person, and context alone ("in", "to") does not make it a place.
        boolean ordinary = ordinaryWords(tokens, s, e);
        double person = ordinary ? 0.05 : personScore(tokens, s, e);
        if (n == 1 && tokens.shape(first) == WordTokens.UPPER && !tokens.in(first, WordLists.FIRST_NAME
                | WordLists.SURNAME)) {
            // One unlisted word in capitals is an acronym, a keyword or a constant ("COUNT", "VARCHAR", "MIT").
            person = Math.min(person, 0.05);
        }
        ContextWindow before = CONTEXT.collectBefore(tokens.wordsBefore, tokens, first, 3);
        boolean strong = titled || greeted || STRONG_BEFORE.before(before, 3);
        if (titled) {
            person = Math.max(person, 0.45) + 0.35;
        } else if (strong) {
            person += 0.25;
        } else if (person >= 0.45 && PERSON_BEFORE.before(before, 3)) {
            person += 0.1;
        }
        boolean acts = !ordinary && person < 0.5 && tokens.shape(last) == WordTokens.CAPITALISED;
        ContextWindow after = person >= 0.3 || acts ? CONTEXT.collectAfter(tokens.wordsAfter, tokens, last, 2) : null;
        if (person >= 0.3 && PERSON_AFTER.after(after)) {
            person += 0.1;
        }
        if (acts && ACTS_AFTER.after(after)) {
            // "Mehrudin shouted at Todd", "Ciset lives on ...": a name however unlisted.
            person = Math.max(person, 0.5);
        }
        if (n == 1 && !ordinary && vocative(tokens, first)) {
            person = Math.max(person, 0.5);
        }
        if (n >= 2 && n <= 3 && !shouting && aloneOnLine(tokens.chars, tokens.length, start, end)) {
            person += 0.2;
        }
        if (n == 1 && !ordinary && speaker(text, tokens, first, last)) {
            person = Math.max(person, 0.5);
        }
        double place = 0;
        if (ordinary || n == 1 && tokens.shape(first) == WordTokens.UPPER && tokens.length(first) <= 3) {
            // Context alone makes no place of ordinary words, nor of a short unlisted acronym ("to CSV").
            place = 0;
        } else if (PLACE_WORD_BEFORE.before(before, 1) || PLACE_WORD_BEFORE.before(before, 2)
                && precededByThe(text, start)) {
            place = 0.55;
        } else if (PLACE_BEFORE.before(before, 2)) {
            place = 0.4;
        } else if (first >= 2 && (tokens.is(first - 1, "and") || tokens.is(first - 1, "or"))
                && tokens.has(first, WordTokens.JOINED) && tokens.in(first - 2, WordLists.PLACE)) {
            // "Japan and Palestinian Territory": joined to a listed place, a place.
            place = 0.55;
        }
        if (n == 1 && tokens.has(last, WordTokens.POSSESSIVE) && person >= 0.15) {
            person += 0.2;
        }
        if (n == 1 && person < 0.5 && place < 0.5 && !strong && sentenceStart(tokens.chars, start)) {
            return;
        }
        // "works for Chemical Abstracts Service": firms are often named with ordinary words.
        double org = WORK_BEFORE.before(before, 3) ? 0.45 : 0;
        if (person >= place && person >= org) {
            out.add("PERSON", start, end, person, "person");
        } else if (place >= org) {
            out.add("GPE", start, end, place, "place");
        } else {
            out.add("ORGANIZATION", start, end, org, "organization");
        }
    }

    /**
     * Whether words {@code s..e-1} are all stop words, common English words that are no listed name, place or
     * group, or unlisted words in capitals, and at least one is such a common word.
     */
    private boolean ordinaryWords(WordTokens tokens, int s, int e) {
        // The word bits are known already; the common-word table is asked only when no word rules it out.
        for (int k = s; k < e; k++) {
            if (tokens.in(k, WordLists.FIRST_NAME | WordLists.SURNAME | WordLists.PLACE | WordLists.GROUP)
                    && !tokens.in(k, WordLists.STOP_WORD) || tokens.has(k, WordTokens.POSSESSIVE)) {
                return false;
            }
        }
        boolean any = false;
        for (int k = s; k < e; k++) {
            if (tokens.in(k, WordLists.STOP_WORD)) {
                continue;
            }
            boolean common = words.common(tokens.folds, tokens.foldStart(k), tokens.foldEnd(k), tokens.hash(k));
            // An unlisted word in capitals beside ordinary words is an acronym ("Windows NT", "Title NVARCHAR").
            if (!common && tokens.shape(k) != WordTokens.UPPER) {
                return false;
            }
            any |= common;
        }
        return any;
    }

    /** The {@link WordLists#kindsOf} bits of the folded words {@code s..e-1} joined by single spaces. */
    private int phraseKinds(WordTokens tokens, int s, int e) {
        return table.get(tokens.folds, tokens.foldStart(s), tokens.foldEnd(e - 1)) & KINDS;
    }

    private static boolean afterNumber(String text, int start) {
        int i = start - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i >= 0 && i < start - 1 && Character.isDigit(text.charAt(i));
    }

    /**
     * "Danial, can I please speak to your boss?": a capitalised word opening a line and followed by a comma and a
     * lower-case word is someone addressed.
     */
    private static boolean vocative(WordTokens t, int k) {
        int end = t.end[k];
        return t.has(k, WordTokens.LINE_BREAK) && t.shape(k) == WordTokens.CAPITALISED && !t.in(k, LEAD | LABEL)
                && k + 1 < t.count && t.textAt(end, ", ") && t.start[k + 1] == end + 2
                && t.shape(k + 1) == WordTokens.LOWER;
    }

    /** "Phone:" at the start of a line: a form label, not a name. */
    private static boolean label(String text, WordTokens t, int k) {
        return t.end[k] < text.length() && text.charAt(t.end[k]) == ':' && t.in(k, LABEL);
    }

    /**
     * "Anna: see you soon" at the start of a line: a chat or script speaker. A common English word there is a label
     * ("Supplier:", "Warning:", a YAML key), not a speaker; the caller asks.
     */
    private static boolean speaker(String text, WordTokens t, int first, int last) {
        int end = t.end[last];
        return t.has(first, WordTokens.LINE_BREAK) && end + 1 < text.length() && text.charAt(end) == ':'
                && text.charAt(end + 1) == ' ' && !t.in(first, LABEL) && t.shape(first) == WordTokens.CAPITALISED;
    }

    private static double personScore(WordTokens tokens, int s, int e) {
        int n = e - s;
        boolean firstIsGiven = tokens.in(s, WordLists.FIRST_NAME);
        int last = e - 1;
        int known = 0;
        for (int k = s; k < e; k++) {
            if (tokens.in(k, WordLists.FIRST_NAME | WordLists.SURNAME)) {
                known++;
            }
        }
        // An English-looking word (an unlisted word with an English ending) matters only among unknown words.
        if (known == 0) {
            for (int k = s; k < e; k++) {
                if (ENGLISH_ENDS.endsOne(tokens.folds, tokens.foldStart(k), tokens.foldEnd(k))) {
                    return 0.1;
                }
            }
        }
        if (n == 1) {
            if (firstIsGiven) {
                return 0.55;
            }
            if (tokens.in(s, WordLists.SURNAME)) {
                return 0.45;
            }
            return nameEnding(tokens, s) ? 0.35 : 0.15;
        }
        if (tokens.shape(s) == WordTokens.UPPER && tokens.shape(last) == WordTokens.UPPER && known == 0) {
            return 0.1;
        }
        boolean lastIsFamily = tokens.in(last, WordLists.SURNAME) || nameEnding(tokens, last);
        if (firstIsGiven && (lastIsFamily || known >= 2)) {
            return 0.9;
        }
        if (firstIsGiven) {
            return 0.75;
        }
        if (lastIsFamily) {
            return 0.65;
        }
        return known > 0 ? 0.5 : 0.35;
    }

    private static boolean nameEnding(WordTokens t, int k) {
        return NAME_ENDS.endsOne(t.folds, t.foldStart(k), t.foldEnd(k));
    }

    /** "my name is andrea": a listed given name in lower case after a strong introduction. */
    private static void lowerCaseName(String text, WordTokens t, int i, Candidates out) {
        if (!t.inFiltered(i, WordLists.FIRST_NAME) || t.in(i, WordLists.STOP_WORD)) {
            return;
        }
        boolean introduced = Introductions.before(text, t.start[i]);
        int count = t.count;
        boolean fullName = i + 1 < count && t.has(i + 1, WordTokens.JOINED)
                && t.shape(i + 1) == WordTokens.LOWER && familyName(t, i + 1);
        if (!introduced && !t.has(i, WordTokens.LINE_BREAK) && !fullName) {
            return;
        }
        int end = t.end[i];
        if (i + 1 < count && t.has(i + 1, WordTokens.JOINED)
                && (familyName(t, i + 1) || t.shape(i + 1) == WordTokens.INITIAL)) {
            end = t.end[i + 1];
            if (i + 2 < count && t.has(i + 2, WordTokens.JOINED) && t.length(i + 1) == 1) {
                end = t.end[i + 2];
            }
        }
        out.add("PERSON", t.start[i], end, introduced || fullName ? 0.6 : 0.45, "person");
    }

    private static boolean familyName(WordTokens t, int k) {
        return t.in(k, WordLists.SURNAME)
                || nameEnding(t, k) && !t.in(k, WordLists.STOP_WORD);
    }

    private static final WordEndings NAME_ENDS = new WordEndings(NAME_ENDINGS);
    private static final WordEndings ENGLISH_ENDS = new WordEndings(ENGLISH_ENDINGS);

    private static boolean precededByThe(String text, int start) {
        int i = start - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i >= 2 && text.regionMatches(true, i - 2, "the", 0, 3);
    }

    private static boolean aloneOnLine(char[] text, int length, int start, int end) {
        int a = start - 1;
        while (a >= 0 && (text[a] == ' ' || text[a] == '\t' || text[a] == '>')) {
            a--;
        }
        int b = end;
        while (b < length && (text[b] == ' ' || text[b] == '\t')) {
            b++;
        }
        return (a < 0 || text[a] == '\n') && (b >= length || text[b] == '\n' || text[b] == '\r');
    }

    private static boolean sentenceStart(char[] text, int start) {
        int a = start - 1;
        while (a >= 0 && Character.isWhitespace(text[a])) {
            a--;
        }
        if (a < 0) {
            return true;
        }
        char c = text[a];
        return c == '.' || c == '!' || c == '?' || c == '"' || c == ':' || c == '\n' || c == '>' || c == '(';
    }
}
