package dev.bulwark.guards.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Word sets and context phrases that person, place and organisation recognition relies on; general English. */
final class ProperNounCues {
    private ProperNounCues() {}

    /** A set from a word list that may repeat words. */
    static Set<String> setOf(String... words) {
        return WordLists.lookup(java.util.Arrays.asList(words));
    }

    static final Set<String> TITLES = setOf("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam",
            "mister", "lady", "lord", "rev", "fr", "sr", "jr", "mme", "mlle", "herr", "frau", "sra", "sr", "dott");
    static final Set<String> LEADS = setOf("hi", "hello", "hey", "dear", "thanks", "thank", "yes", "no",
            "ok", "okay", "sorry", "welcome", "congratulations", "bye", "goodbye", "cheers", "regards", "sincerely",
            "best", "attn", "cc", "from", "to", "user", "bot", "agent", "customer", "client", "patient", "im", "ive",
            "id", "ill", "producer", "director", "author", "professor", "doctor", "president", "captain", "officer",
            "judge", "senator", "minister", "chairman", "coach", "uncle", "aunt", "maybe", "why", "when", "where",
            "what", "how", "who", "is", "are", "was", "did", "does", "can", "could", "would", "should", "will");
    static final Set<String> PARTICLES = setOf("van", "von", "de", "da", "del", "della", "di", "du", "le",
            "la", "bin", "ibn", "al", "el", "ter", "ten", "den", "der", "dos", "das", "do", "y", "e", "op", "zu", "af",
            "binti", "bint", "ben", "mac", "st");
    static final Set<String> NOT_NAMES = setOf("january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday", "god", "lord", "jesus", "christmas", "easter", "internet",
            "street", "road", "avenue", "suite",
            "apt", "unit", "box", "ok", "okay", "ps", "pm", "am", "ceo", "cto", "id", "tv", "dj", "mvp", "faq", "usa",
            "eu", "un", "ai", "api", "url", "pdf", "ip", "ssn", "iban", "pin", "atm", "vip", "hr", "it", "pc", "i");
    /** Line labels in forms and letters; "Name: text" with one of these is not a speaker. */
    static final Set<String> LABELS = setOf("phone", "email", "e-mail", "website", "web", "note", "notes",
            "address", "subject", "from", "to", "date", "re", "fax", "mobile", "desk", "office", "answer",
            "question", "user", "bot", "agent", "customer", "title", "name", "when", "where", "what", "who", "why",
            "how", "time", "location", "summary", "warning", "error", "info", "update", "edit",
            "tel", "cell", "home", "work", "company", "role", "status", "total", "price", "example", "step", "tip",
            "source", "link", "url", "reply", "comment", "comments", "result", "results");
    static final Set<String> ORG_SUFFIXES = setOf("inc", "inc.", "ltd", "ltd.", "llc", "llp", "corp",
            "corp.", "corporation", "company", "co.", "group", "gmbh", "ag", "sa", "s.a.", "plc", "holdings",
            "partners", "associates", "systems", "technologies", "technology", "solutions", "labs", "bank",
            "university", "college", "institute", "foundation", "agency", "association", "society", "council",
            "industries", "enterprises", "consulting", "media", "studios", "networks", "software", "airlines",
            "motors", "pharmaceuticals", "orchestra", "club", "hospital", "school", "academy", "museum", "ministry",
            "committee", "union", "federation", "league", "trust", "ventures", "insurance", "energy", "records",
            "publishing", "analytics", "international", "global", "services", "logistics", "capital",
            "bv", "nv", "oy", "ab", "as", "aps", "srl", "spa", "kg", "sarl", "pty", "limited", "ohg", "ug", "eurl",
            "sas", "cie", "hermanos", "asociados", "brothers", "bros", "groep", "gruppe", "holding", "zonen");
    /**
     * Legal forms that are suffixes in capitals too ("Lowe LLC", "Treff GmbH", "Basile SPA"); other suffixes in
     * capitals ("AS", "AB", "SA") are as often ordinary words or regions.
     */
    static final Set<String> LEGAL_FORMS_IN_CAPITALS = Set.of("LLC", "LLP", "PLC", "GMBH", "BV", "NV", "SRL", "SPA",
            "SARL", "PTY", "LTD", "INC", "CORP", "AG", "UG", "KG", "OHG", "EURL", "SAS");
    static final List<String> NAME_ENDINGS = List.of("ov", "ova", "ev", "eva", "aev", "iev", "sky", "ski",
            "ska", "wicz", "vich", "ovic", "evic", "ovski", "enko", "chuk", "yan", "dze", "shvili", "oglu", "sson",
            "dottir", "escu", "poulos", "opoulou", "idis", "akis", "ainen", "inen", "nen");
    private static final String[] STRONG_BEFORE_PHRASES = {"name is", "name's", "named", "called", "i am",
            "i'm", "im", "this is", "dear", "hi", "hello", "hey", "thanks", "thank you", "signed", "sincerely",
            "regards", "attn", "under", "name", "names", "last name", "first name", "full name", "surname", "said",
            "asked", "shouted at", "yelled at", "told", "speak to", "talk to", "talking to", "spoke to", "spoke with",
            "married", "met", "thank", "calls me", "call me", "mr", "mrs", "ms", "dr", "miss", "prof"};
    private static final String[] PERSON_BEFORE_PHRASES = {"by", "with", "contact",
            "ask for", "cc", "wife", "husband", "son", "daughter", "kid", "child", "baby", "founders", "founder",
            "brother", "sister", "mother", "father", "mom", "dad", "friend", "colleague", "boss", "manager",
            "author", "director", "directed by", "written by", "according to", "meet", "met", "tell", "told",
            "ask", "asked", "call", "email", "from", "to", "for", "and", "user", "customer", "patient", "mr", "mrs",
            "ms", "dr", "name", "names", "student", "teacher", "doctor", "nurse", "lawyer", "agent", "player",
            "singer", "actor", "actress", "writer", "artist", "novel", "book", "poem", "song", "cousin", "uncle",
            "aunt", "grandma", "grandpa", "partner", "fiance", "fiancee", "neighbor", "neighbour", "employee",
            "producer", "professor", "assistant", "speaker", "mr", "mrs", "ms", "dr"};
    private static final String[] PERSON_AFTER_PHRASES = {"said", "says", "wrote", "writes", "told", "asked",
            "replied", "is a", "was a", "who", "has", "had", "lives", "lived", "works", "worked", "and his",
            "and her", "year old", "years old", "'s", "’s", "shouted", "says", "spent", "will", "is from"};
    /**
     * What a person does right after being named, as the subject of a sentence: enough to make a single unlisted
     * word a name ("Mehrudin shouted at ..."). Things and firms do not say, ask, live, marry or begin writing.
     */
    private static final String[] ACTS_AFTER_PHRASES = {"said", "says", "wrote", "writes", "told", "asked",
            "replied", "answered", "shouted", "yelled", "whispered", "smiled", "laughed", "cried", "lives", "lived",
            "is from", "was born", "were born", "married", "spent", "began", "had given", "thanked", "apologised",
            "apologized", "and his", "and her", "year old", "years old"};
    private static final String[] PLACE_BEFORE_PHRASES = {"to", "across", "around", "throughout",
            "outside", "inside", "towards", "toward", "into", "travel", "flew", "fly", "located", "based", "born",
            "live", "lives", "lived", "living", "grew up", "city", "town", "village", "to the", "in the"};
    private static final String[] PLACE_WORD_BEFORE_PHRASES = {"in", "from", "near", "visit",
            "visiting", "visited", "throughout", "moved to", "travel to", "travelling to", "traveling to", "trip to",
            "flight to", "fly to", "flew to", "based in", "located in", "born in", "grew up in", "live in",
            "lives in", "lived in", "living in", "city of", "town of", "village of", "arrived at", "arrive at",
            "arrived in", "returned to", "return to", "went to", "go to", "going to", "moved from", "came from",
            "come from", "headed to", "drive to", "drove to", "home city", "home town", "hometown", "city",
            "town", "village", "where"};
    static final List<String> ENGLISH_ENDINGS = List.of("ly", "ness", "ment", "ments", "tion", "tions",
            "sion", "ity", "ism", "ous", "ful", "less", "able", "ible", "ive", "ies", "ings", "ers", "ures", "ed",
            "ance", "ence", "ship", "hood", "ical", "ary", "ory", "ward", "wise");
    private static final String[] WORK_BEFORE_PHRASES = {"works at", "work at", "worked at",
            "working at", "works for", "work for", "worked for", "working for", "employed at", "employed by", "join",
            "joined", "company", "firm", "employer", "startup", "year at"};

    /** The context phrase lists above in one table; each list is one of its {@link ContextWords#list lists}. */
    static final ContextWords CONTEXT = new ContextWords(STRONG_BEFORE_PHRASES, PERSON_BEFORE_PHRASES,
            PERSON_AFTER_PHRASES, PLACE_BEFORE_PHRASES, PLACE_WORD_BEFORE_PHRASES, WORK_BEFORE_PHRASES,
            ACTS_AFTER_PHRASES);
    static final ContextWords.Phrases STRONG_BEFORE = CONTEXT.list(0);
    static final ContextWords.Phrases PERSON_BEFORE = CONTEXT.list(1);
    static final ContextWords.Phrases PERSON_AFTER = CONTEXT.list(2);
    static final ContextWords.Phrases PLACE_BEFORE = CONTEXT.list(3);
    static final ContextWords.Phrases PLACE_WORD_BEFORE = CONTEXT.list(4);
    static final ContextWords.Phrases WORK_BEFORE = CONTEXT.list(5);
    static final ContextWords.Phrases ACTS_AFTER = CONTEXT.list(6);

    /** Abbreviations whose period is part of the word (compared in lower case). */
    static final Set<String> ABBREVIATIONS = setOf("mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "mt", "ft",
            "ave", "rd", "blvd", "inc", "ltd", "co", "corp", "apt", "no", "rev", "gen", "col", "capt", "lt", "sgt",
            "mme", "mlle", "messrs", "mx", "fr", "u", "ul", "al", "av", "str");

    /** {@link WordTable} bits of the sets above, above the {@link WordLists} kind bits. */
    static final int TITLE = 1 << 8;
    static final int LEAD = 1 << 9;
    static final int NOT_NAME = 1 << 10;
    static final int ORG_SUFFIX = 1 << 11;
    static final int LABEL = 1 << 12;
    static final int PARTICLE = 1 << 13;
    static final int ABBREVIATION = 1 << 14;
    /** The bits {@link WordTokens#inFiltered} answers for mostly without a lookup. */
    static final int FILTERED = WordLists.FIRST_NAME | TITLE | PARTICLE;
    /** The {@link WordLists#kindsOf} bits among a table's bits. */
    static final int KINDS = (1 << 8) - 1;

    /** One table for every word list and cue set above, so a word costs one probe. */
    static WordTable table(WordLists words) {
        if (words == WordLists.shared()) {
            return Shared.TABLE;
        }
        return build(words);
    }

    private static final class Shared {
        static final WordTable TABLE = build(WordLists.shared());
    }

    private static WordTable build(WordLists words) {
        Map<String, Integer> bits = new HashMap<>(words.kindsByWord());
        mark(bits, TITLES, TITLE);
        mark(bits, LEADS, LEAD);
        mark(bits, NOT_NAMES, NOT_NAME);
        mark(bits, ORG_SUFFIXES, ORG_SUFFIX);
        mark(bits, LABELS, LABEL);
        mark(bits, PARTICLES, PARTICLE);
        mark(bits, ABBREVIATIONS, ABBREVIATION);
        // Every lower-case word is asked whether it is a given name ("my name is andrea"), and a lower-case word
        // next to a name whether it is a title or a particle: the filter answers most.
        return new WordTable(bits, FILTERED);
    }

    private static void mark(Map<String, Integer> bits, Set<String> words, int bit) {
        for (String w : words) {
            bits.merge(w, bit, (a, b) -> a | b);
        }
    }

    static final java.util.regex.Pattern ROMAN = java.util.regex.Pattern.compile(
            "(?=[IVXLCDM]{2,})M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})");

}
