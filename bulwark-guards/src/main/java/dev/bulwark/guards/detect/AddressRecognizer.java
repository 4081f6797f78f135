package dev.bulwark.guards.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Street addresses by grammar: a house number and a street name with a street-type word (English suffixes such as
 * "Street"/"Ave", Romance prefixes such as "Rua"/"Via"/"Calle", Germanic and Nordic compounds such as "-straße",
 * "-vägen", "-katu"), post-office boxes ("PO Box", "POB", "Postfach", "Postbus", "BP", "Apartado", "Casella Postale")
 * and military boxes; then unit, locality, region and postcode pieces that follow on
 * the same or the next lines are absorbed into the same finding.
 */
final class AddressRecognizer implements Recognizer {
    static final String CAP = "\\p{Lu}[\\p{L}\\p{M}'’.-]{0,30}+";
    /** English street types (USPS suffixes and common British ones), optionally plural, optionally abbreviated. */
    static final String EN_TYPES = "(?:(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Place|Square|Terrace|"
            + "Way|Parkway|Circle|Highway|Trail|Crescent|Close|Grove|Garden|Row|Mews|Hill|Walk|Alley|Plaza|Expressway|"
            + "Freeway|Pike|Loop|Path|Crossing|Ridge|Green|View|Height|Vale|Rise|Wharf|Quay|Parade|Esplanade|Causeway|"
            + "Bypass|Union|Port|Lake|Mill|Station|Spring|Junction|Island|Harbor|Harbour|Haven|Fort|Ford|Fall|Field|"
            + "Ferry|Meadow|Manor|Landing|Knoll|Estate|Creek|Crest|Cove|Corner|Center|Centre|Canyon|Brook|Bridge|"
            + "Bluff|Bend|Beach|Valley|Village|Vista|Well|Shore|Summit|Track|Trace|Turnpike|Orchard|Pass|Pine|Plain|"
            + "Point|Prairie|Ranch|Rapid|Route|Stream|Glen|Gateway|Hollow|Mount|Mountain|Motorway|Lodge|Mall|Flat|"
            + "Extension|Dale|Common|Cliff|Curve|Park|Broadway|Isle|Shoal|Lock|Spur|Cape|Via|Ville|Stravenue|Ramp|"
            + "Light|Skyway|Run|Burg|Forge|Fork|Neck|Oval|Overpass|Radial|Tunnel|Underpass|Annex|Arcade|Branch|"
            + "Inlet|Pines|Land|Course|Camp|Key|Gate)s?|(?:St|Ave|Av|Rd|Blvd|Ln|Dr|Ct|Pl|Sq|Terr?|Pkwy|Cir|Hwy|"
            + "Trl|Cres|Gdns|Xing|Hts|Ste)\\.?)";
    static final String PARTICLE = "(?:de|da|do|dos|das|del|della|delle|dei|di|du|des|la|le|les|el|y|e|"
            + "von|van|der|den|am|an|im|na|nad|pod|sur|sous|lungo)";
    /**
     * Street-type endings of Germanic (with Frisian and Icelandic), Nordic, Finnic, Slavic and Hungarian street names
     * (folded, no accents).
     */
    static final List<String> STREET_ENDINGS = List.of("strasse", "str.", "weg", "gasse", "platz", "allee",
            "ring", "damm", "ufer", "chaussee", "laan", "straat", "gracht", "plein", "dreef", "singel", "kade", "steeg",
            "vej", "gade", "alle", "gatan", "vagen", "vag", "grand", "gata", "veien", "vegen", "gate", "katu", "tie",
            "kuja", "polku", "tori", "raitti", "utca", "ut", "ter", "ulica", "aleja", "cesta", "ulice", "namesti",
            "trida", "tee", "iela", "gatve", "puiestee", "krt.", "korut", "setany", "straeti", "vegur", "braut",
            "stigur", "wei");
    /** Street-type words written apart after the name ("Erzsébet tér 19", "Wesselényi u. 94"). */
    static final List<String> STREET_WORDS = List.of("u.", "utca", "ut", "ter", "korut", "krt.", "tn",
            "g.", "iela", "gatve", "ulica", "ul.", "strasse", "str.", "weg", "gasse", "platz", "allee", "vej", "gade",
            "gatan", "vagen", "katu", "tie", "street", "st.", "road", "rd.", "avenue", "ave.");
    private static final Pattern BOX = Pattern.compile(
            "(?i)(?<![\\w])(?:P\\.?[ ]?O\\.?[ ]?Box|Post(?:al)?[ ]Office[ ]Box|(?:PSC|Unit|CMR)[ ]\\d{1,5},?[ ]Box|"
                    + "POB|Postfach|Postbus|Apartado(?:[ ]de[ ]Correos)?|Casella[ ]Postale|Bo[iî]te[ ]Postale|"
                    + "(?-i:B\\.?P\\.?))"
                    + "[ ]\\d{1,6}(?:,?\\s{1,3}+(?:APO|FPO|DPO)[ ](?:AA|AE|AP)[ ]\\d{5})?(?![\\w])");
    private static final Pattern SHIP = Pattern.compile(
            "(?<![\\w])(?:USNS|USNV|USS|USCGC)[ ]" + CAP + "(?:[ ]" + CAP + ")?,?\\s{1,3}+(?:FPO|APO|DPO)[ ](?:AA|AE|AP)[ ]\\d{5}");
    static final Context.Words CONTEXT = Context.words("address", "addr", "live", "lives", "lived", "living",
            "located", "location", "ship", "shipping", "deliver", "delivery", "send", "mail", "visit", "moved",
            "meet", "at", "to", "street", "house", "home", "office", "residence", "reside", "resides", "apartment",
            "billing", "postal", "drops", "pick", "pickup");

    /** The shapes, in the order their findings are proposed. */
    static final int ENGLISH_SHAPE = 0;
    static final int ROMANCE_SHAPE = 1;
    static final int GERMANIC_SHAPE = 2;
    static final int BOX_SHAPE = 3;
    static final int SHIP_SHAPE = 4;
    static final int NUMBERED_SHAPE = 5;
    /**
     * Each shape's pattern; the street shapes are matched by hand ({@link EnglishStreets}, {@link RomanceStreets},
     * {@link GermanicStreets}, {@link NumberedStreets}).
     */
    static final Pattern[] PATTERNS = {null, null, null, BOX, SHIP, null};
    private static final double[] SCORES = {0.75, 0.7, 0.7, 0.8, 0.8, 0.4};

    /**
     * Every shape ends in a house number, box number or postcode: a text without digits has no address. Each start
     * of the text is checked once for all shapes ({@link AddressStarts#shapesAt}); then each shape runs at its own.
     */
    @Override
    public void recognize(String text, Candidates out) {
        TextShape shape = out.shape();
        if (!shape.has(TextShape.DIGITS)) {
            return;
        }
        // Every shape's match holds an ASCII digit at or after its start (a house, box or postcode number), and
        // every run of ASCII digits opens with a start of its own: no start after the last such one begins a match.
        int count = shape.count();
        while (shape.kind(count - 1) != TextShape.DIGITS) {
            count--;
        }
        byte[] shapes = new byte[count];
        EnglishStreetTypes.Ahead ahead = new EnglishStreetTypes.Ahead(shape);
        int any = 0;
        for (int k = 0; k < count; k++) {
            int bits = AddressStarts.shapesAt(shape, shape.start(k), shape.kind(k), ahead);
            shapes[k] = (byte) bits;
            any |= bits;
        }
        AddressTails tails = null;
        for (int s = ENGLISH_SHAPE; s <= NUMBERED_SHAPE; s++) {
            if (s == GERMANIC_SHAPE ? !StreetNames.beforeNumber(shape) : (any & 1 << s) == 0) {
                // No start can begin a match, or (GERMANIC) no word could pass streetNamed, so none is reported.
                continue;
            }
            tails = tails == null ? new AddressTails(text) : tails;
            scan(s, text, shape, shapes, tails, out);
        }
    }

    /**
     * One shape's matches as a {@code find()} loop would give them: its pattern tried at the starts that pass the
     * shape's necessary check, in text order, skipping starts inside the shape's previous match. Only the starts
     * {@code shapes} covers, up to the last number, can begin one.
     */
    private static void scan(int s, String text, TextShape shape, byte[] shapes, AddressTails tails,
            Candidates out) {
        Matcher m = null;
        int resume = 0;
        for (int k = 0; k < shapes.length; k++) {
            int i = shape.start(k);
            if (i < resume || !(s == GERMANIC_SHAPE && shape.kind(k) == TextShape.WORD
                    ? AddressStarts.germanicWords(shape, i) : (shapes[k] & 1 << s) != 0)) {
                continue;
            }
            if (s == ENGLISH_SHAPE || s == ROMANCE_SHAPE) {
                int end = s == ENGLISH_SHAPE ? EnglishStreets.match(text, i) : RomanceStreets.match(text, i);
                if (end >= 0) {
                    resume = end;
                    found(text, s, i, end, tails, out);
                }
                continue;
            }
            if (s == GERMANIC_SHAPE) {
                GermanicStreets.Match g = GermanicStreets.match(text, i);
                if (g != null) {
                    resume = g.end();
                    if (StreetNames.named(text, g.nameStart(), g.nameEnd(), g.capitalised())) {
                        found(text, s, i, g.end(), tails, out);
                    }
                }
                continue;
            }
            if (s == NUMBERED_SHAPE) {
                int end = NumberedStreets.match(text, i);
                if (end >= 0) {
                    resume = end;
                    if (numberedLooksLikeAStreet(text, i, end)) {
                        found(text, s, i, end, tails, out);
                    }
                }
                continue;
            }
            if (m == null) {
                m = PATTERNS[s].matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            }
            if (m.region(i, text.length()).lookingAt()) {
                resume = m.end();
                found(text, s, m.start(), m.end(), tails, out);
            }
        }
    }

    private static void found(String text, int s, int start, int matchEnd, AddressTails tails, Candidates out) {
        int end = tails.extend(matchEnd, start);
        // A sentence's full stop after a locality is not part of the address.
        if (end > matchEnd && text.charAt(end - 1) == '.' && Character.isLowerCase(text.charAt(end - 2))) {
            end--;
        }
        double score = SCORES[s];
        if (end > matchEnd) {
            score += 0.15;
        }
        if (tails.contextBefore(start)) {
            score += 0.15;
        }
        if (s == NUMBERED_SHAPE && score < 0.5) {
            return;
        }
        out.add("STREET_ADDRESS", start, end, score, "street-address");
    }

    /** The longest stop word: a longer word is none (lower-casing never shortens a word). */
    private static final int LONGEST_STOP_WORD =
            WordLists.shared().stopWords.stream().mapToInt(String::length).max().orElse(0);
    /**
     * The stop words of lower-case ASCII letters and other ASCII characters by length and first letter: a word of
     * ASCII characters lower-cases to ASCII, so only these can equal it.
     */
    private static final String[][] ASCII_STOP_WORDS = asciiStopWords();

    private static String[][] asciiStopWords() {
        java.util.List<java.util.List<String>> lists = new java.util.ArrayList<>();
        for (int k = 0; k < (LONGEST_STOP_WORD + 1) * 26; k++) {
            lists.add(new java.util.ArrayList<>());
        }
        for (String w : WordLists.shared().stopWords) {
            if (!w.isEmpty() && w.charAt(0) >= 'a' && w.charAt(0) <= 'z' && w.chars().allMatch(c -> c < 0x80)
                    && w.equals(w.toLowerCase(java.util.Locale.ROOT))) {
                lists.get(w.length() * 26 + w.charAt(0) - 'a').add(w);
            }
        }
        String[][] table = new String[lists.size()][];
        for (int k = 0; k < table.length; k++) {
            table[k] = lists.get(k).toArray(String[]::new);
        }
        return table;
    }

    /** "12 Main 4" may be an address; "3 apples and 4" is not: words of a street name are not stop words. */
    private static boolean numberedLooksLikeAStreet(String text, int from, int to) {
        int i = from;
        while (i < to) {
            if (separator(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean ascii = true;
            while (i < to && !separator(text.charAt(i))) {
                ascii &= text.charAt(i) < 0x80;
                i++;
            }
            if (i - start <= LONGEST_STOP_WORD && Character.isLetter(text.charAt(start))
                    && (ascii ? asciiStopWord(text, start, i) : WordLists.shared().stopWords.contains(
                            text.substring(start, i).toLowerCase(java.util.Locale.ROOT)))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the ASCII word {@code text[start, end)}, starting with a letter, lower-cases to a stop word. */
    static boolean asciiStopWord(String text, int start, int end) {
        int length = end - start;
        if (length > LONGEST_STOP_WORD) {
            return false;
        }
        for (String w : ASCII_STOP_WORDS[length * 26 + (text.charAt(start) | 0x20) - 'a']) {
            int k = 0;
            while (k < length) {
                char c = text.charAt(start + k);
                if (c >= 'A' && c <= 'Z') {
                    c += 0x20;
                }
                if (c != w.charAt(k)) {
                    break;
                }
                k++;
            }
            if (k == length) {
                return true;
            }
        }
        return false;
    }

    private static boolean separator(char c) {
        return c == ' ' || c == '\t' || c == '-';
    }
}
