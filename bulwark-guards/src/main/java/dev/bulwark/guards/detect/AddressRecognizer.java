package dev.bulwark.guards.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Street addresses by grammar: a house number and a street name with a street-type word (English suffixes such as
 * "Street"/"Ave", Romance prefixes such as "Rua"/"Via"/"Calle", Germanic and Nordic compounds such as "-straße",
 * "-vägen", "-katu"), post-office and military boxes; then unit, locality, region and postcode pieces that follow on
 * the same or the next lines are absorbed into the same finding.
 */
final class AddressRecognizer implements Recognizer {
    private static final String NUM = "\\d{1,6}[A-Za-z]?(?:[-/]\\d{1,4}[A-Za-z]?)?";
    private static final String CAP = "\\p{Lu}[\\p{L}\\p{M}'’.-]{0,30}+";
    private static final String WORD = "[\\p{L}][\\p{L}\\p{M}'’.-]{0,30}+";
    /** English street types (USPS suffixes and common British ones), optionally plural, optionally abbreviated. */
    private static final String EN_TYPES = "(?:(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Place|Square|Terrace|"
            + "Way|Parkway|Circle|Highway|Trail|Crescent|Close|Grove|Garden|Row|Mews|Hill|Walk|Alley|Plaza|Expressway|"
            + "Freeway|Pike|Loop|Path|Crossing|Ridge|Green|View|Height|Vale|Rise|Wharf|Quay|Parade|Esplanade|Causeway|"
            + "Bypass|Union|Port|Lake|Mill|Station|Spring|Junction|Island|Harbor|Harbour|Haven|Fort|Ford|Fall|Field|"
            + "Ferry|Meadow|Manor|Landing|Knoll|Estate|Creek|Crest|Cove|Corner|Center|Centre|Canyon|Brook|Bridge|"
            + "Bluff|Bend|Beach|Valley|Village|Vista|Well|Shore|Summit|Track|Trace|Turnpike|Orchard|Pass|Pine|Plain|"
            + "Point|Prairie|Ranch|Rapid|Route|Stream|Glen|Gateway|Hollow|Mount|Mountain|Motorway|Lodge|Mall|Flat|"
            + "Extension|Dale|Common|Cliff|Curve|Park|Broadway)s?|(?:St|Ave|Av|Rd|Blvd|Ln|Dr|Ct|Pl|Sq|Terr?|Pkwy|Cir|Hwy|"
            + "Trl|Cres|Gdns|Xing|Hts|Ste)\\.?)";
    private static final String ROMANCE_PREFIX = "(?:Rua|Rue|Via|Viale|Vicolo|Calle|Carrer|Avenida|Avda\\.?|Av\\.|"
            + "Avenue|Piazza|Piazzale|Plaza|Pra[çc]a|Travessa|Largo|Corso|Strada|Str\\.|Ulica|ul\\.|Aleja|al\\.|"
            + "Boulevard|Bd\\.?|Chemin|All[ée]e|Impasse|Quai|Place|Camino|Paseo|Carretera|Estrada|Rodovia|Alameda|"
            + "Ronda|Cesta|Trg|Bulevar|Odos|Leoforos|Sokak|Sok\\.|Caddesi|Cad\\.|Straße|Strasse|Utca|Út)";
    private static final String PARTICLE = "(?:de|da|do|dos|das|del|della|delle|dei|di|du|des|la|le|les|el|y|e|"
            + "von|van|der|den|am|an|im|na|nad|pod|sur|sous|lungo)";
    /** Street-type endings of Germanic, Nordic, Finnic, Slavic and Hungarian street names (folded, no accents). */
    private static final List<String> STREET_ENDINGS = List.of("strasse", "str.", "weg", "gasse", "platz", "allee",
            "ring", "damm", "ufer", "chaussee", "laan", "straat", "gracht", "plein", "dreef", "singel", "kade", "steeg",
            "vej", "gade", "alle", "gatan", "vagen", "vag", "grand", "gata", "veien", "vegen", "gate", "katu", "tie",
            "kuja", "polku", "tori", "raitti", "utca", "ut", "ter", "ulica", "aleja", "cesta", "ulice", "namesti",
            "trida", "tee", "iela", "gatve", "puiestee", "krt.", "korut", "setany");
    /** Street-type words written apart after the name ("Erzsébet tér 19", "Wesselényi u. 94"). */
    private static final List<String> STREET_WORDS = List.of("u.", "utca", "ut", "ter", "korut", "krt.", "tn",
            "g.", "iela", "gatve", "ulica", "ul.", "strasse", "str.", "weg", "gasse", "platz", "allee", "vej", "gade",
            "gatan", "vagen", "katu", "tie", "street", "st.", "road", "rd.", "avenue", "ave.");
    private static final Pattern ENGLISH = Pattern.compile(
            "(?<![\\w.-])(?:\\d{1,6}[ \\t]{1,3}+)?" + NUM + "[ \\t]{1,3}+(?:[NSEW]\\.?[ \\t]{1,3}+)?(?:(?:" + CAP + "|\\d{1,3}(?:st|nd|rd|th))[ \\t]{1,3}+){1,4}?"
                    + EN_TYPES + "(?:[ \\t]{1,3}+(?:[NSEW]{1,2})\\.?)?(?![\\p{L}\\p{N}])");
    private static final Pattern ROMANCE = Pattern.compile(
            "(?<![\\w.-])(?:" + NUM + "[ \\t,]{1,3}+)?" + ROMANCE_PREFIX + "[ \\t]{1,3}+(?:(?:" + WORD + "|" + PARTICLE
                    + ")[ \\t]{1,3}+){0,5}?" + CAP + ",?[ \\t]{1,3}+(?:n[º°o]\\.?[ \\t]?)?" + NUM + "(?![\\p{L}\\p{N}])");
    private static final Pattern GERMANIC = Pattern.compile(
            "(?<![\\p{L}\\p{N}.-])(?:" + NUM + "[ \\t]{1,3}+)?(?:(" + CAP + ")[ \\t-]{1,3}+)?([\\p{L}][\\p{L}\\p{M}.-]{0,40}+)"
                    + "[ \\t]{1,3}+" + NUM + "\\.?(?![\\p{L}\\p{N}])");
    private static final Pattern NUMBERED = Pattern.compile(
            "(?<![\\w.,-])\\d{1,6}[ \\t]{1,3}+(?:" + WORD + "[ \\t-]{1,3}+){0,3}?" + WORD + "(?:[ \\t]{1,3}+"
                    + PARTICLE + "[ \\t]{1,3}+" + CAP + ")?[ \\t]{1,3}+\\d{1,4}[A-Za-z]?(?![\\p{L}\\p{N}]|[.,]\\d)");
    private static final Pattern BOX = Pattern.compile(
            "(?i)(?<![\\w])(?:P\\.?[ ]?O\\.?[ ]?Box|Post(?:al)?[ ]Office[ ]Box|(?:PSC|Unit|CMR)[ ]\\d{1,5},?[ ]Box)"
                    + "[ ]\\d{1,6}(?:,?\\s{1,3}+(?:APO|FPO|DPO)[ ](?:AA|AE|AP)[ ]\\d{5})?(?![\\w])");
    private static final Pattern SHIP = Pattern.compile(
            "(?<![\\w])(?:USNS|USNV|USS|USCGC)[ ]" + CAP + "(?:[ ]" + CAP + ")?,?\\s{1,3}+(?:FPO|APO|DPO)[ ](?:AA|AE|AP)[ ]\\d{5}");
    private static final Pattern UNIT = Pattern.compile(
            "(?i)(?:,?[ \\t]{0,3}+|[ \\t]*\\r?\\n[ \\t>]*)(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|Bldg|"
                    + "Building|#|No)\\.?[ \\t]?#?[A-Za-z]?\\d{1,5}[A-Za-z]?(?![\\w])");
    private static final String ZIP = "(?:\\d{5}(?:-\\d{4})?|\\d{2}-\\d{3}|\\d{5}-\\d{3}|\\d{3}[ ]?\\d{2}|\\d{3,6}|"
            + "[A-Z]\\d[A-Z][ ]?\\d[A-Z]\\d|[A-Z]{1,2}\\d[A-Z\\d]?[ ]\\d[A-Z]{2})";
    private static final Pattern LOCALITY = Pattern.compile(
            "(?:[ \\t]*,[ \\t]*(?:\\r?\\n[ \\t>]*)?|[ \\t]*\\r?\\n[ \\t>]*(?:,[ \\t]*)?)(?:(?:(?:" + ZIP + "[ \\t]{1,2})?" + CAP + "(?:[ \\t-]{1,2}(?:"
                    + CAP + "|" + PARTICLE + ")){0,3}+)(?:,?[ \\t]{1,2}\\p{Lu}{2}(?![\\p{L}]))?(?:,?[ \\t]{1,2}" + ZIP
                    + ")?|\\p{Lu}{2}(?:[ \\t]{1,2}" + ZIP + ")?|" + ZIP + ")(?![\\p{L}\\p{N}])");
    private static final Pattern SAME_LINE_TAIL = Pattern.compile(
            "[ \\t]{1,2}(?:\\p{Lu}{2,}+(?:[ \\t]\\p{Lu}{2,}+){0,2}+(?:[ \\t]" + ZIP + ")?|" + ZIP + ")(?![\\p{L}\\p{N}])");
    private static final Pattern CONTEXT = Context.words("address", "addr", "live", "lives", "lived", "living",
            "located", "location", "ship", "shipping", "deliver", "delivery", "send", "mail", "visit", "moved",
            "meet", "at", "to", "street", "house", "home", "office", "residence", "reside", "resides", "apartment",
            "billing", "postal", "drops", "pick", "pickup");
    private static final int MAX_ADDRESS = 240;

    /** A cheap necessary condition for a shape's match at a start of the text (see {@link Anchored}). */
    @FunctionalInterface
    private interface StartCheck {
        boolean possible(TextShape shape, int i);
    }

    /** A shape with the kinds of start its matches can have and a check run before its pattern. */
    private record Shape(Pattern pattern, double score, int kinds, StartCheck start) {
    }

    /** Each match ends in a house number, a digit at most this far after its first word's start. */
    private static final int NUMBER_WITHIN = 100;
    /** The words {@link #ROMANCE_PREFIX} matches; a ROMANCE match starting at a letter starts with one of them. */
    private static final List<String> ROMANCE_WORDS = (List.of("Rua", "Rue", "Via", "Viale",
            "Vicolo", "Calle", "Carrer", "Avenida", "Avda", "Avda.", "Av.", "Avenue", "Piazza", "Piazzale", "Plaza",
            "Praça", "Praca", "Travessa", "Largo", "Corso", "Strada", "Str.", "Ulica", "ul.", "Aleja", "al.",
            "Boulevard", "Bd", "Bd.", "Chemin", "Allée", "Allee", "Impasse", "Quai", "Place", "Camino", "Paseo",
            "Carretera", "Estrada", "Rodovia", "Alameda", "Ronda", "Cesta", "Trg", "Bulevar", "Odos", "Leoforos",
            "Sokak", "Sok.", "Caddesi", "Cad.", "Straße", "Strasse", "Utca", "Út"));
    private static final int LONGEST_ROMANCE_WORD = 9;
    private static final String ROMANCE_INITIALS = "RVCAPTLSUuaBIQEOÚ";

    private static boolean digitStart(TextShape shape, int i) {
        char c = shape.text().charAt(i);
        return c >= '0' && c <= '9';
    }

    /** Whether the text at {@code i} up to the next space or tab is one of {@link #ROMANCE_WORDS}. */
    private static boolean romanceWord(TextShape shape, int i) {
        String text = shape.text();
        if (i >= text.length() || ROMANCE_INITIALS.indexOf(text.charAt(i)) < 0) {
            return false;
        }
        int limit = Math.min(text.length(), i + LONGEST_ROMANCE_WORD + 1);
        for (int j = i + 1; j < limit; j++) {
            char c = text.charAt(j);
            if (c == ' ' || c == '\t') {
                for (String word : ROMANCE_WORDS) {
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
    private static boolean germanicWords(TextShape shape, int i) {
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

    /** A number, then spaces or tabs: how NUMBERED starts. */
    private static boolean numberThenSpace(TextShape shape, int i) {
        int run = shape.digitRun(i);
        String text = shape.text();
        return run <= 6 && i + run < text.length() && (text.charAt(i + run) == ' ' || text.charAt(i + run) == '\t');
    }

    /**
     * Where a house number ({@link #NUM}) at {@code i} ends when it takes every optional piece it can: the only end
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
    private static boolean englishAfterNumber(TextShape shape, int i) {
        int end = numberEnd(shape, i);
        int j = skipBlanks(shape, end, " \t");
        char c = shape.at(j);
        return shape.digitRun(i) <= 6 && j > end && (Character.isUpperCase(c) || digit(c)
                || Character.isHighSurrogate(c)) && streetTypeAhead(shape.text(), j);
    }

    /** The words {@link #EN_TYPES} matches, without a trailing full stop. */
    private static final java.util.Set<String> EN_TYPE_WORDS = englishTypeWords();
    /** Longest stretch an ENGLISH match can run from the first word after its number to its street type. */
    private static final int STREET_TYPE_WITHIN = 200;

    private static java.util.Set<String> englishTypeWords() {
        java.util.Set<String> words = new java.util.HashSet<>();
        Matcher m = Pattern.compile("[A-Za-z]+").matcher(EN_TYPES);
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
            if (e > k && EN_TYPE_WORDS.contains(text.substring(k, e))) {
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
    private static boolean romanceAfterNumber(TextShape shape, int i) {
        int end = numberEnd(shape, i);
        int j = skipBlanks(shape, end, " \t,");
        return shape.digitRun(i) <= 6 && j > end && romanceWord(shape, j);
    }

    /** The first letters of a post-office, military or unit box ({@link #BOX}, ASCII case-insensitive). */
    private static boolean boxStart(TextShape shape, int i) {
        String text = shape.text();
        char c = (char) (text.charAt(i) | 0x20);
        char d = (char) (shape.at(i + 1) | 0x20);
        return c == 'p' && (d == 'o' || d == 's' || shape.at(i + 1) == '.' || shape.at(i + 1) == ' ')
                || c == 'u' && text.regionMatches(true, i, "unit", 0, 4)
                || c == 'c' && text.regionMatches(true, i, "cmr", 0, 3);
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape(ENGLISH, 0.75, TextShape.DIGITS, AddressRecognizer::englishAfterNumber),
            new Shape(ROMANCE, 0.7, TextShape.DIGITS | TextShape.WORD,
                    (t, i) -> digitStart(t, i) ? romanceAfterNumber(t, i) : romanceWord(t, i)),
            new Shape(GERMANIC, 0.7, TextShape.DIGITS | TextShape.WORD,
                    (t, i) -> digitStart(t, i) ? t.digitRun(i) <= 6 && t.digitAfter(i, NUMBER_WITHIN + 20)
                            : germanicWords(t, i)),
            new Shape(BOX, 0.8, TextShape.WORD, AddressRecognizer::boxStart),
            new Shape(SHIP, 0.8, TextShape.WORD, (t, i) -> t.text().charAt(i) == 'U'),
            new Shape(NUMBERED, 0.4, TextShape.DIGITS, (t, i) -> numberThenSpace(t, i) && t.digitAfter(i, 200)));

    /** Whether a GERMANIC-shaped match really ends its street name with a street-type word or ending. */
    private static boolean streetNamed(Matcher m) {
        String name = WordLists.fold(m.group(2));
        boolean capital = Character.isUpperCase(m.group(2).codePointAt(0));
        if (m.group(1) != null && STREET_WORDS.contains(name)) {
            return true;
        }
        if (!capital) {
            return false;
        }
        for (String ending : STREET_ENDINGS) {
            if (name.length() >= ending.length() + 3 && name.endsWith(ending) || name.equals(ending)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void recognize(String text, Candidates out) {
        TextShape shape = out.shape();
        if (!shape.has(TextShape.DIGITS)) {
            return;
        }
        boolean streetNames = streetNameBeforeNumber(shape);
        for (Shape s : SHAPES) {
            if (s.pattern() == GERMANIC && !streetNames) {
                // No word could pass streetNamed, so no GERMANIC match would be reported.
                continue;
            }
            Anchored.scan(s.pattern(), shape, s.kinds(), i -> s.start().possible(shape, i), m -> found(text, s, m, out));
        }
    }

    private static void found(String text, Shape shape, Matcher m, Candidates out) {
        if (shape.pattern() == GERMANIC && !streetNamed(m)
                || shape.pattern() == NUMBERED && !numberedLooksLikeAStreet(m.group())) {
            return;
        }
        int start = m.start();
        int end = extend(text, m.end(), start);
        // A sentence's full stop after a locality is not part of the address.
        if (end > m.end() && text.charAt(end - 1) == '.' && Character.isLowerCase(text.charAt(end - 2))) {
            end--;
        }
        double score = shape.score();
        if (end > m.end()) {
            score += 0.15;
        }
        if (Context.before(text, start, 40, CONTEXT)) {
            score += 0.15;
        }
        if (shape.pattern() == NUMBERED && score < 0.5) {
            return;
        }
        out.add("STREET_ADDRESS", start, end, score, "street-address");
    }

    /** Street endings, lower case, grouped by last character. */
    private static final java.util.Map<Character, List<String>> ENDINGS_BY_LAST = byLast(STREET_ENDINGS);
    /** Street words, lower case, grouped by last character. */
    private static final java.util.Map<Character, List<String>> WORDS_BY_LAST = byLast(STREET_WORDS);

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
     * Whether some word of the text could be the street name {@link #streetNamed} accepts. That name (group 2 of
     * GERMANIC) is followed by one to three spaces or tabs and a house number, runs back from there over letters,
     * marks, dots and hyphens, and starts at that run's start, after a hyphen or after a mark; it is accepted as a
     * street word (when a word precedes it) or, capitalised, by its ending. Without such a word no GERMANIC match
     * is reported, so the pattern need not run.
     */
    private static boolean streetNameBeforeNumber(TextShape shape) {
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

    /** {@link #streetNamed} on a name alone, supposing a word before it. */
    private static boolean streetName(String group) {
        String name = WordLists.fold(group);
        if (STREET_WORDS.contains(name)) {
            return true;
        }
        if (!Character.isUpperCase(group.codePointAt(0))) {
            return false;
        }
        for (String ending : STREET_ENDINGS) {
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

    /** "12 Main 4" may be an address; "3 apples and 4" is not: words of a street name are not stop words. */
    private static boolean numberedLooksLikeAStreet(String match) {
        int n = match.length();
        int i = 0;
        while (i < n) {
            if (separator(match.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && !separator(match.charAt(i))) {
                i++;
            }
            if (Character.isLetter(match.charAt(start)) && WordLists.shared().stopWords.contains(
                    match.substring(start, i).toLowerCase(java.util.Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private static boolean separator(char c) {
        return c == ' ' || c == '\t' || c == '-';
    }

    /** Absorbs unit, locality, region and postcode pieces after the street part. */
    private static int extend(String text, int end, int start) {
        Matcher unit = UNIT.matcher(text);
        if (unit.region(end, Math.min(text.length(), end + 40)).lookingAt()) {
            end = unit.end();
        }
        Matcher tail = SAME_LINE_TAIL.matcher(text);
        if (tail.region(end, Math.min(text.length(), end + 40)).lookingAt()) {
            end = tail.end();
        }
        Matcher loc = LOCALITY.matcher(text);
        for (int pieces = 0; pieces < 5 && end - start < MAX_ADDRESS; pieces++) {
            int limit = Math.min(text.length(), end + 80);
            if (unit.region(end, limit).lookingAt()) {
                end = unit.end();
                continue;
            }
            if (!loc.region(end, limit).lookingAt() || looksLikeLabel(text, loc.end())) {
                break;
            }
            end = loc.end();
        }
        return end;
    }

    /** "Mobile: ...", "Fax ...": a contact label is not a locality. */
    private static boolean looksLikeLabel(String text, int end) {
        return end < text.length() && text.charAt(end) == ':';
    }
}
