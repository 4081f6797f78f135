package dev.bulwark.guards.detect;

import dev.bulwark.guards.detect.WordToken.Shape;
import java.util.List;
import java.util.Set;


/**
 * Person names, places (GPE) and organisations from capitalisation, general word lists and context: runs of
 * capitalised words are scored as a person (given/family name lists, name-shaped endings, titles, "my name is"),
 * a place (country, region and city lists, "in"/"from" before an unknown name) or an organisation (legal and
 * institutional suffixes, "A, B and C" firm names).
 */
final class ProperNounRecognizer implements Recognizer {
    private static final Set<String> TITLES = setOf("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam",
            "mister", "lady", "lord", "rev", "fr", "sr", "jr", "mme", "mlle", "herr", "frau", "sra", "sr", "dott");
    private static final Set<String> LEADS = setOf("hi", "hello", "hey", "dear", "thanks", "thank", "yes", "no",
            "ok", "okay", "sorry", "welcome", "congratulations", "bye", "goodbye", "cheers", "regards", "sincerely",
            "best", "attn", "cc", "from", "to", "user", "bot", "agent", "customer", "client", "patient", "im", "ive",
            "id", "ill", "producer", "director", "author", "professor", "doctor", "president", "captain", "officer",
            "judge", "senator", "minister", "chairman", "coach", "uncle", "aunt", "maybe", "why", "when", "where",
            "what", "how", "who", "is", "are", "was", "did", "does", "can", "could", "would", "should", "will");
    private static final Set<String> PARTICLES = setOf("van", "von", "de", "da", "del", "della", "di", "du", "le",
            "la", "bin", "ibn", "al", "el", "ter", "ten", "den", "der", "dos", "das", "do", "y", "e", "op", "zu", "af",
            "binti", "bint", "ben", "mac", "st");
    private static final Set<String> NOT_NAMES = setOf("january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday", "god", "lord", "jesus", "christmas", "easter", "internet",
            "street", "road", "avenue", "suite",
            "apt", "unit", "box", "ok", "okay", "ps", "pm", "am", "ceo", "cto", "id", "tv", "dj", "mvp", "faq", "usa",
            "eu", "un", "ai", "api", "url", "pdf", "ip", "ssn", "iban", "pin", "atm", "vip", "hr", "it", "pc", "i");
    /** Line labels in forms and letters; "Name: text" with one of these is not a speaker. */
    private static final Set<String> LABELS = setOf("phone", "email", "e-mail", "website", "web", "note", "notes",
            "address", "subject", "from", "to", "date", "re", "fax", "mobile", "desk", "office", "answer",
            "question", "user", "bot", "agent", "customer", "title", "name", "when", "where", "what", "who", "why",
            "how", "time", "location", "summary", "warning", "error", "info", "update", "edit",
            "tel", "cell", "home", "work", "company", "role", "status", "total", "price", "example", "step", "tip",
            "source", "link", "url", "reply", "comment", "comments", "result", "results");
    private static final Set<String> ORG_SUFFIXES = setOf("inc", "inc.", "ltd", "ltd.", "llc", "llp", "corp",
            "corp.", "corporation", "company", "co.", "group", "gmbh", "ag", "sa", "s.a.", "plc", "holdings",
            "partners", "associates", "systems", "technologies", "technology", "solutions", "labs", "bank",
            "university", "college", "institute", "foundation", "agency", "association", "society", "council",
            "industries", "enterprises", "consulting", "media", "studios", "networks", "software", "airlines",
            "motors", "pharmaceuticals", "orchestra", "club", "hospital", "school", "academy", "museum", "ministry",
            "committee", "union", "federation", "league", "trust", "ventures", "insurance", "energy", "records",
            "publishing", "analytics", "international", "global", "services", "logistics", "capital",
            "bv", "nv", "oy", "ab", "as", "aps", "srl", "spa", "kg", "sarl", "pty", "limited");
    private static final List<String> NAME_ENDINGS = List.of("ov", "ova", "ev", "eva", "aev", "iev", "sky", "ski",
            "ska", "wicz", "vich", "ovic", "evic", "ovski", "enko", "chuk", "yan", "dze", "shvili", "oglu", "sson",
            "dottir", "escu", "poulos", "opoulou", "idis", "akis", "ainen", "inen", "nen");
    private static final ContextWords STRONG_BEFORE = new ContextWords("name is", "name's", "named", "called", "i am",
            "i'm", "im", "this is", "dear", "hi", "hello", "hey", "thanks", "thank you", "signed", "sincerely",
            "regards", "attn", "under", "name", "names", "last name", "first name", "full name", "surname", "said",
            "asked", "shouted at", "yelled at", "told", "speak to", "talk to", "talking to", "spoke to", "spoke with",
            "married", "met", "thank", "calls me", "call me", "mr", "mrs", "ms", "dr", "miss", "prof");
    private static final ContextWords PERSON_BEFORE = new ContextWords("by", "with", "contact",
            "ask for", "cc", "wife", "husband", "son", "daughter", "kid", "child", "baby", "founders", "founder",
            "brother", "sister", "mother", "father", "mom", "dad", "friend", "colleague", "boss", "manager",
            "author", "director", "directed by", "written by", "according to", "meet", "met", "tell", "told",
            "ask", "asked", "call", "email", "from", "to", "for", "and", "user", "customer", "patient", "mr", "mrs",
            "ms", "dr", "name", "names", "student", "teacher", "doctor", "nurse", "lawyer", "agent", "player",
            "singer", "actor", "actress", "writer", "artist", "novel", "book", "poem", "song", "cousin", "uncle",
            "aunt", "grandma", "grandpa", "partner", "fiance", "fiancee", "neighbor", "neighbour", "employee",
            "producer", "professor", "assistant", "speaker", "mr", "mrs", "ms", "dr");
    private static final ContextWords PERSON_AFTER = new ContextWords("said", "says", "wrote", "writes", "told", "asked",
            "replied", "is a", "was a", "who", "has", "had", "lives", "lived", "works", "worked", "and his",
            "and her", "year old", "years old", "'s", "’s", "shouted", "says", "spent", "will", "is from");
    private static final ContextWords PLACE_BEFORE = new ContextWords("to", "across", "around", "throughout",
            "outside", "inside", "towards", "toward", "into", "travel", "flew", "fly", "located", "based", "born",
            "live", "lives", "lived", "living", "grew up", "city", "town", "village", "to the", "in the");
    private static final ContextWords PLACE_WORD_BEFORE = new ContextWords("in", "from", "near", "visit",
            "visiting", "visited", "throughout", "moved to", "travel to", "travelling to", "traveling to", "trip to",
            "flight to", "fly to", "flew to", "based in", "located in", "born in", "grew up in", "live in",
            "lives in", "lived in", "living in", "city of", "town of", "village of", "arrived at", "arrive at",
            "arrived in", "returned to", "return to", "went to", "go to", "going to", "moved from", "came from",
            "come from", "headed to", "drive to", "drove to", "home city", "home town", "hometown", "city",
            "town", "village", "where");
    private static final List<String> ENGLISH_ENDINGS = List.of("ly", "ness", "ment", "ments", "tion", "tions",
            "sion", "ity", "ism", "ous", "ful", "less", "able", "ible", "ive", "ies", "ings", "ers", "ures", "ed",
            "ance", "ence", "ship", "hood", "ical", "ary", "ory", "ward", "wise");
    private static final ContextWords WORK_BEFORE = new ContextWords("works at", "work at", "worked at",
            "working at", "works for", "work for", "worked for", "working for", "employed at", "employed by", "join",
            "joined", "company", "firm", "employer", "startup", "year at");

    private static final java.util.regex.Pattern ROMAN = java.util.regex.Pattern.compile(
            "(?=[IVXLCDM]{2,})M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})");

    private final WordLists words;

    /** A set from a word list that may repeat words. */
    private static Set<String> setOf(String... words) {
        return Set.copyOf(java.util.Arrays.asList(words));
    }

    ProperNounRecognizer(WordLists words) {
        this.words = words;
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
        firms(text, tokens, out);
        nameLists(text, tokens, out);
    }

    /**
     * "Efimiya, Mary, Ariana and Jodi": in a list of single capitalised words where at least two are listed names,
     * the other members are names too.
     */
    private void nameLists(String text, List<WordToken> tokens, Candidates out) {
        int i = 0;
        while (i < tokens.size()) {
            int j = i;
            List<WordToken> members = new java.util.ArrayList<>();
            while (j < tokens.size() && tokens.get(j).shape() == Shape.CAPITALISED) {
                members.add(tokens.get(j));
                int end = tokens.get(j).end();
                if (j + 1 < tokens.size() && text.startsWith(", ", end) && tokens.get(j + 1).start() == end + 2) {
                    j++;
                } else if (j + 2 < tokens.size() && tokens.get(j + 1).text().equals("and")
                        && tokens.get(j + 1).joinedToPrevious() && tokens.get(j + 2).joinedToPrevious()
                        && (text.startsWith(" and ", end) || text.startsWith(", and ", end))) {
                    j += 2;
                } else {
                    break;
                }
            }
            if (members.size() >= 3) {
                int named = 0;
                for (WordToken m : members) {
                    if (words.firstNames.contains(m.folded()) || words.surnames.contains(m.folded())) {
                        named++;
                    }
                }
                if (named >= 2) {
                    for (WordToken m : members) {
                        if (!words.places.contains(m.folded()) && !words.groups.contains(m.folded())) {
                            out.add("PERSON", m.start(), m.end(), 0.5, "person");
                        }
                    }
                }
            }
            i = Math.max(j, i) + 1;
        }
    }

    private boolean startsRun(WordToken t) {
        return t.capital() && !NOT_NAMES.contains(t.folded()) && !ROMAN.matcher(t.text()).matches();
    }

    private boolean continuesRun(List<WordToken> tokens, int j) {
        WordToken t = tokens.get(j);
        if (t.capital()) {
            return !NOT_NAMES.contains(t.folded()) && !ROMAN.matcher(t.text()).matches()
                    || ORG_SUFFIXES.contains(t.folded());
        }
        return PARTICLES.contains(t.text()) && j + 1 < tokens.size() && tokens.get(j + 1).capital()
                && tokens.get(j + 1).joinedToPrevious();
    }

    private void classify(String text, List<WordToken> tokens, int from, int to, Candidates out) {
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
            } else if (!words.stopWords.contains(f)) {
                break;
            }
            s++;
        }
        if (s < to && s == from && from > 0 && tokens.get(from).joinedToPrevious()
                && TITLES.contains(tokens.get(from - 1).folded().replace(".", ""))) {
            titled = true;
        }
        int e = to;
        while (e > s && words.stopWords.contains(tokens.get(e - 1).folded())) {
            e--;
        }
        if (s >= e) {
            return;
        }
        if (e - s == 1 && label(text, tokens.get(s))) {
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
        if (words.places.contains(phrase)) {
            double score = words.countries.contains(phrase) ? 0.8 : 0.7;
            out.add("GPE", first.start(), last.end(), score, "place");
            return;
        }
        // "Southern Tunisia", "Back To Canada": a known place closing a run of other words.
        for (int k = Math.min(3, n - 1); k >= 1; k--) {
            String tail = phrase(tokens, e - k, e);
            if (words.places.contains(tail) && !words.firstNames.contains(first.folded())) {
                out.add("GPE", tokens.get(e - k).start(), last.end(), words.countries.contains(tail) ? 0.75 : 0.65,
                        "place");
                return;
            }
        }
        if (n == 1 && words.groups.contains(phrase)) {
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
        boolean strong = titled || greeted || STRONG_BEFORE.before(text, first.start(), 3);
        if (titled) {
            person = Math.max(person, 0.45) + 0.35;
        } else if (strong) {
            person += 0.25;
        } else if (person >= 0.45 && PERSON_BEFORE.before(text, first.start(), 3)) {
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
        if (PLACE_WORD_BEFORE.before(text, first.start(), 1) || PLACE_WORD_BEFORE.before(text, first.start(), 2)
                && precededByThe(text, first.start())) {
            place = 0.55;
        } else if (PLACE_BEFORE.before(text, first.start(), 2)) {
            place = 0.4;
        }
        double org = WORK_BEFORE.before(text, first.start(), 3) ? 0.45 : 0;
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
        String last = tokens.get(e - 1).folded();
        boolean firstIsGiven = words.firstNames.contains(first);
        boolean lastIsFamily = words.surnames.contains(last) || endsWith(last, NAME_ENDINGS);
        int known = 0;
        for (int k = s; k < e; k++) {
            String f = tokens.get(k).folded();
            if (words.firstNames.contains(f) || words.surnames.contains(f)) {
                known++;
            }
        }
        int englishLooking = 0;
        for (int k = s; k < e; k++) {
            String f = tokens.get(k).folded();
            if (!words.firstNames.contains(f) && !words.surnames.contains(f) && endsWith(f, ENGLISH_ENDINGS)) {
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
            if (words.surnames.contains(first)) {
                return 0.45;
            }
            return endsWith(first, NAME_ENDINGS) ? 0.35 : 0.15;
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
        if (!words.firstNames.contains(t.folded()) || words.stopWords.contains(t.folded())) {
            return;
        }
        String before = text.substring(Math.max(0, t.start() - 14), t.start()).toLowerCase(java.util.Locale.ROOT);
        boolean introduced = before.matches("(?s).*\\b(?:name is|i am|i'm|named|called|this is)\\s+$");
        boolean fullName = i + 1 < tokens.size() && tokens.get(i + 1).joinedToPrevious()
                && tokens.get(i + 1).shape() == Shape.LOWER && familyName(tokens.get(i + 1).folded());
        if (!introduced && !t.lineBreakBefore() && !fullName) {
            return;
        }
        int end = t.end();
        if (i + 1 < tokens.size() && tokens.get(i + 1).joinedToPrevious()
                && (familyName(tokens.get(i + 1).folded()) || tokens.get(i + 1).shape() == Shape.INITIAL)) {
            end = tokens.get(i + 1).end();
            if (i + 2 < tokens.size() && tokens.get(i + 2).joinedToPrevious()
                    && tokens.get(i + 1).text().length() == 1) {
                end = tokens.get(i + 2).end();
            }
        }
        out.add("PERSON", t.start(), end, introduced || fullName ? 0.6 : 0.45, "person");
    }

    /** "Davis, Reynolds and Williamson", "Smith and Sons", "Garcia-Smith" (two listed family names). */
    private void firms(String text, List<WordToken> tokens, Candidates out) {
        for (int i = 0; i + 3 < tokens.size(); i++) {
            WordToken a = tokens.get(i);
            WordToken b = tokens.get(i + 1);
            WordToken and = tokens.get(i + 2);
            WordToken c = tokens.get(i + 3);
            if (a.shape() == Shape.CAPITALISED && b.shape() == Shape.CAPITALISED && c.shape() == Shape.CAPITALISED
                    && (and.text().equals("and") || and.text().equals("&"))
                    && text.startsWith(", ", a.end()) && b.start() == a.end() + 2
                    && !words.firstNames.contains(a.folded()) && !words.firstNames.contains(b.folded())
                    && !words.firstNames.contains(c.folded()) && !(i > 0 && text.startsWith(", ", tokens.get(i - 1).end()))) {
                out.add("ORGANIZATION", a.start(), c.end(), 0.5, "organization");
            }
        }
        for (int i = 0; i + 2 < tokens.size(); i++) {
            WordToken a = tokens.get(i);
            if (a.shape() == Shape.CAPITALISED && tokens.get(i + 1).text().equals("and")
                    && tokens.get(i + 2).text().equals("Sons")) {
                out.add("ORGANIZATION", a.start(), tokens.get(i + 2).end(), 0.8, "organization");
            }
        }
        for (WordToken t : tokens) {
            int dash = t.text().indexOf('-');
            if (t.shape() == Shape.CAPITALISED && dash > 0 && dash < t.text().length() - 1) {
                String l = WordLists.fold(t.text().substring(0, dash));
                String r = WordLists.fold(t.text().substring(dash + 1));
                if (words.surnames.contains(l) && words.surnames.contains(r)
                        && !words.firstNames.contains(l)) {
                    out.add("ORGANIZATION", t.start(), t.end(), 0.45, "organization");
                }
            }
        }
    }

    private boolean familyName(String folded) {
        return words.surnames.contains(folded) || endsWith(folded, NAME_ENDINGS) && !words.stopWords.contains(folded);
    }

    private static boolean endsWith(String word, List<String> endings) {
        for (String e : endings) {
            if (word.length() >= e.length() + 2 && word.endsWith(e)) {
                return true;
            }
        }
        return false;
    }

    private static boolean precededByThe(String text, int start) {
        int i = start - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i >= 2 && text.regionMatches(true, i - 2, "the", 0, 3);
    }

    private static String phrase(List<WordToken> tokens, int s, int e) {
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
