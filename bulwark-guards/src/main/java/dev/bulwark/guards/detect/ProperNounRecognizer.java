package dev.bulwark.guards.detect;

import dev.bulwark.guards.detect.WordToken.Shape;
import static dev.bulwark.guards.detect.ProperNounCues.*;

import java.util.List;


/**
 * Person names, places (GPE) and organisations from capitalisation, general word lists and context: runs of
 * capitalised words are scored as a person (given/family name lists, name-shaped endings, titles, "my name is"),
 * a place (country, region and city lists, "in"/"from" before an unknown name) or an organisation (legal and
 * institutional suffixes, "A, B and C" firm names).
 */
final class ProperNounRecognizer implements Recognizer {
    /** An introduction ending right before a lower-case given name; compiled once ({@code String.matches} would not). */
    private static final java.util.regex.Pattern INTRODUCED =
            java.util.regex.Pattern.compile("(?s).*\\b(?:name is|i am|i'm|named|called|this is)\\s+$");
    private final WordLists words;
    private final NameGroupRecognizer groups;


    ProperNounRecognizer(WordLists words) {
        this.words = words;
        this.groups = new NameGroupRecognizer(words);
    }

    @Override
    public void recognize(String text, Candidates out) {
        List<WordToken> tokens = WordToken.of(text);
        int i = 0;
        while (i < tokens.size()) {
            WordToken t = tokens.get(i);
            if (!startsRun(t)) {
                if (t.shape() == Shape.LOWER) {
                    lowerCaseName(text, tokens, i, out);
                }
                i++;
                continue;
            }
            int j = i + 1;
            while (j < tokens.size() && tokens.get(j).joinedToPrevious() && continuesRun(tokens, j) && j - i < 6) {
                j++;
            }
            while (j - 1 > i && !tokens.get(j - 1).capital()) {
                j--;
            }
            classify(text, tokens, i, j, out);
            i = j;
        }
        groups.recognize(text, tokens, out);
    }

    private boolean startsRun(WordToken t) {
        return t.capital() && !NOT_NAMES.contains(t.folded()) && !roman(t.text());
    }

    /** Roman numerals are two or more of I, V, X, L, C, D, M: only such words go to {@link ProperNounCues#ROMAN}. */
    private static boolean roman(String word) {
        if (word.length() < 2) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ("IVXLCDM".indexOf(word.charAt(i)) < 0) {
                return false;
            }
        }
        return ROMAN.matcher(word).matches();
    }

    private boolean continuesRun(List<WordToken> tokens, int j) {
        WordToken t = tokens.get(j);
        if (t.capital()) {
            return !NOT_NAMES.contains(t.folded()) && !roman(t.text())
                    || ORG_SUFFIXES.contains(t.folded());
        }
        return PARTICLES.contains(t.text()) && j + 1 < tokens.size() && tokens.get(j + 1).capital()
                && tokens.get(j + 1).joinedToPrevious();
    }

    private void classify(String text, List<WordToken> tokens, int from, int to, Candidates out) {
        // A title inside a run starts a new name: "Ask Mrs. Jennifer Lopez".
        for (int k = from + 1; k < to - 1; k++) {
            if (TITLES.contains(tokens.get(k).folded().replace(".", ""))) {
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
            WordToken t = tokens.get(s);
            String f = t.folded().replace(".", "");
            if (TITLES.contains(f)) {
                titled = true;
                out.add("TITLE", t.start(), t.end(), 0.6, "title");
            } else if (LEADS.contains(f)) {
                greeted = true;
            } else if (!(f == t.folded() ? t.in(WordLists.STOP_WORD) : words.stopWords.contains(f))) {
                break;
            }
            s++;
        }
        if (s < to && s == from && from > 0 && tokens.get(from).joinedToPrevious()
                && TITLES.contains(tokens.get(from - 1).folded().replace(".", ""))) {
            titled = true;
        }
        int e = to;
        while (e > s && tokens.get(e - 1).in(WordLists.STOP_WORD)) {
            e--;
        }
        if (s >= e) {
            return;
        }
        if (e - s == 1 && label(text, tokens.get(s))) {
            return;
        }
        if (e - s == 1 && tokens.get(s).shape() == Shape.UPPER && afterNumber(text, tokens.get(s).start())) {
            // "200 EUR", "5 GB", "10 PM": a capitalised word right after a number is a unit or currency.
            return;
        }
        WordToken first = tokens.get(s);
        WordToken last = tokens.get(e - 1);
        int n = e - s;
        String phrase = phrase(tokens, s, e);
        if (ORG_SUFFIXES.contains(last.folded().replace(".", "")) && n >= 2 && last.shape() != Shape.UPPER) {
            out.add("ORGANIZATION", first.start(), last.end(), 0.7, "organization");
            return;
        }
        int phraseKinds = n == 1 ? first.kinds() : words.kindsOf(phrase);
        if ((phraseKinds & WordLists.PLACE) != 0) {
            double score = (phraseKinds & WordLists.COUNTRY) != 0 ? 0.8 : 0.7;
            out.add("GPE", first.start(), last.end(), score, "place");
            return;
        }
        // "Southern Tunisia", "Back To Canada": a known place closing a run of other words.
        for (int k = Math.min(3, n - 1); k >= 1; k--) {
            int tailKinds = k == 1 ? last.kinds() : words.kindsOf(phrase(tokens, e - k, e));
            if ((tailKinds & WordLists.PLACE) != 0 && !first.in(WordLists.FIRST_NAME)) {
                out.add("GPE", tokens.get(e - k).start(), last.end(), (tailKinds & WordLists.COUNTRY) != 0 ? 0.75 : 0.65,
                        "place");
                return;
            }
        }
        if (n == 1 && first.in(WordLists.GROUP)) {
            out.add("NRP", first.start(), last.end(), 0.6, "group");
            return;
        }
        boolean shouting = true;
        for (int k = s; k < e; k++) {
            shouting &= tokens.get(k).shape() == Shape.UPPER;
        }
        if (shouting && n >= 3) {
            return;
        }
        double person = personScore(tokens, s, e);
        ContextWords.Preceding before = ContextWords.Preceding.of(text, first.start(), 3);
        boolean strong = titled || greeted || STRONG_BEFORE.before(before, 3);
        if (titled) {
            person = Math.max(person, 0.45) + 0.35;
        } else if (strong) {
            person += 0.25;
        } else if (person >= 0.45 && PERSON_BEFORE.before(before, 3)) {
            person += 0.1;
        }
        if (person >= 0.3 && PERSON_AFTER.after(text, last.end(), 2)) {
            person += 0.1;
        }
        if (aloneOnLine(text, first.start(), last.end()) && n >= 2 && n <= 3 && !shouting) {
            person += 0.2;
        }
        if (n == 1 && speaker(text, first, last)) {
            person = Math.max(person, 0.5);
        }
        double place = 0;
        if (PLACE_WORD_BEFORE.before(before, 1) || PLACE_WORD_BEFORE.before(before, 2)
                && precededByThe(text, first.start())) {
            place = 0.55;
        } else if (PLACE_BEFORE.before(before, 2)) {
            place = 0.4;
        }
        double org = WORK_BEFORE.before(before, 3) ? 0.45 : 0;
        boolean sentenceStart = sentenceStart(text, first.start());
        if (n == 1 && last.possessive() && person >= 0.15) {
            person += 0.2;
        }
        if (sentenceStart && n == 1 && person < 0.5 && place < 0.5 && !strong) {
            return;
        }
        if (person >= place && person >= org) {
            out.add("PERSON", first.start(), last.end(), person, "person");
        } else if (place >= org) {
            out.add("GPE", first.start(), last.end(), place, "place");
        } else {
            out.add("ORGANIZATION", first.start(), last.end(), org, "organization");
        }
    }

    private static boolean afterNumber(String text, int start) {
        int i = start - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i >= 0 && i < start - 1 && Character.isDigit(text.charAt(i));
    }

    /** "Phone:" at the start of a line: a form label, not a name. */
    private static boolean label(String text, WordToken t) {
        return t.end() < text.length() && text.charAt(t.end()) == ':' && LABELS.contains(t.folded());
    }

    /** "Anna: see you soon" at the start of a line: a chat or script speaker. */
    private static boolean speaker(String text, WordToken first, WordToken last) {
        return first.lineBreakBefore() && last.end() + 1 < text.length() && text.charAt(last.end()) == ':'
                && text.charAt(last.end() + 1) == ' ' && !LABELS.contains(first.folded())
                && first.shape() == Shape.CAPITALISED;
    }

    private double personScore(List<WordToken> tokens, int s, int e) {
        int n = e - s;
        String first = tokens.get(s).folded();
        boolean firstIsGiven = tokens.get(s).in(WordLists.FIRST_NAME);
        WordToken lastToken = tokens.get(e - 1);
        boolean lastIsFamily = lastToken.in(WordLists.SURNAME) || NAME_ENDS.endsOne(lastToken.folded());
        int known = 0;
        for (int k = s; k < e; k++) {
            if (tokens.get(k).in(WordLists.FIRST_NAME | WordLists.SURNAME)) {
                known++;
            }
        }
        int englishLooking = 0;
        for (int k = s; k < e; k++) {
            WordToken t = tokens.get(k);
            if (!t.in(WordLists.FIRST_NAME | WordLists.SURNAME) && ENGLISH_ENDS.endsOne(t.folded())) {
                englishLooking++;
            }
        }
        if (englishLooking > 0 && known == 0) {
            return 0.1;
        }
        if (n == 1) {
            if (firstIsGiven) {
                return 0.55;
            }
            if (tokens.get(s).in(WordLists.SURNAME)) {
                return 0.45;
            }
            return NAME_ENDS.endsOne(first) ? 0.35 : 0.15;
        }
        if (tokens.get(s).shape() == Shape.UPPER && tokens.get(e - 1).shape() == Shape.UPPER && known == 0) {
            return 0.1;
        }
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

    /** "my name is andrea": a listed given name in lower case after a strong introduction. */
    private void lowerCaseName(String text, List<WordToken> tokens, int i, Candidates out) {
        WordToken t = tokens.get(i);
        if (!t.in(WordLists.FIRST_NAME) || t.in(WordLists.STOP_WORD)) {
            return;
        }
        String before = text.substring(Math.max(0, t.start() - 14), t.start()).toLowerCase(java.util.Locale.ROOT);
        boolean introduced = INTRODUCED.matcher(before).matches();
        boolean fullName = i + 1 < tokens.size() && tokens.get(i + 1).joinedToPrevious()
                && tokens.get(i + 1).shape() == Shape.LOWER && familyName(tokens.get(i + 1));
        if (!introduced && !t.lineBreakBefore() && !fullName) {
            return;
        }
        int end = t.end();
        if (i + 1 < tokens.size() && tokens.get(i + 1).joinedToPrevious()
                && (familyName(tokens.get(i + 1)) || tokens.get(i + 1).shape() == Shape.INITIAL)) {
            end = tokens.get(i + 1).end();
            if (i + 2 < tokens.size() && tokens.get(i + 2).joinedToPrevious()
                    && tokens.get(i + 1).text().length() == 1) {
                end = tokens.get(i + 2).end();
            }
        }
        out.add("PERSON", t.start(), end, introduced || fullName ? 0.6 : 0.45, "person");
    }

    private boolean familyName(WordToken t) {
        return t.in(WordLists.SURNAME) || NAME_ENDS.endsOne(t.folded()) && !t.in(WordLists.STOP_WORD);
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

    private static String phrase(List<WordToken> tokens, int s, int e) {
        if (e - s == 1) {
            return tokens.get(s).folded();
        }
        StringBuilder b = new StringBuilder();
        for (int k = s; k < e; k++) {
            if (k > s) {
                b.append(' ');
            }
            b.append(tokens.get(k).folded());
        }
        return b.toString();
    }

    private static boolean aloneOnLine(String text, int start, int end) {
        int a = start - 1;
        while (a >= 0 && (text.charAt(a) == ' ' || text.charAt(a) == '\t' || text.charAt(a) == '>')) {
            a--;
        }
        int b = end;
        while (b < text.length() && (text.charAt(b) == ' ' || text.charAt(b) == '\t')) {
            b++;
        }
        return (a < 0 || text.charAt(a) == '\n') && (b >= text.length() || text.charAt(b) == '\n'
                || text.charAt(b) == '\r');
    }

    private static boolean sentenceStart(String text, int start) {
        int a = start - 1;
        while (a >= 0 && Character.isWhitespace(text.charAt(a))) {
            a--;
        }
        if (a < 0) {
            return true;
        }
        char c = text.charAt(a);
        return c == '.' || c == '!' || c == '?' || c == '"' || c == ':' || c == '\n' || c == '>' || c == '(';
    }
}
