package dev.bulwark.guards.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import net.datafaker.Faker;

/**
 * A second PII evaluation set, made independently of presidio-research's: sentence templates written for this class
 * (none taken from the shared set) filled with Datafaker values in several locales, in presidio-research's JSON
 * format so {@link PiiEvaluation} scores it with the same metric. A whole postal address is one STREET_ADDRESS span
 * (street, unit, town, region, postcode and country together); a town, region or country standing alone is GPE;
 * honorifics ("Dr.", "Mrs") are outside the PERSON span and not labelled. Seeded, so the file is reproducible:
 * {@code GeneratedPiiSet OUT.json [count] [seed]}.
 */
public final class GeneratedPiiSet {
    private static final List<String> LOCALES = List.of("en-US", "en-GB", "en-AU", "en-CA", "de", "fr", "it", "es",
            "nl", "en-IE");

    /** Templates: {SLOT} is replaced by a value of that slot; text outside slots is never labelled. */
    static final List<String> TEMPLATES = List.of(
            "Please send the replacement card to {ADDRESS_ONE_LINE}.",
            "Shipping address:\n{ADDRESS_MULTI_LINE}",
            "{PERSON}\n{ADDRESS_MULTI_LINE}",
            "Our new office is at {ADDRESS_ONE_LINE}, second floor.",
            "Correspondence should go to {PO_BOX}.",
            "Invoice recipient: {PERSON}, {ADDRESS_ONE_LINE}",
            "{PERSON} moved to {STREET_LINE} last spring.",
            "The parcel was left at {STREET_LINE} because nobody answered.",
            "I grew up in {CITY} but now I live in {CITY}.",
            "The conference takes place in {CITY}, {COUNTRY} next March.",
            "She has lived in {STATE} for ten years.",
            "Flights from {CITY} to {CITY} were cancelled because of the storm.",
            "We are expanding our operations to {COUNTRY} and {COUNTRY}.",
            "{PERSON} works at {COMPANY} as a data analyst.",
            "The contract between {COMPANY} and {COMPANY} was signed on {DATE}.",
            "{COMPANY} announced record revenue this quarter.",
            "Thanks to everyone at {COMPANY} for the warm welcome.",
            "Please call {TITLED_PERSON} on {PHONE} before noon.",
            "Meeting notes: {PERSON}, {PERSON} and {PERSON} attended; {PERSON} sent apologies.",
            "Dear {TITLED_PERSON}, your appointment is confirmed for {DATE}.",
            "Contact person: {PERSON} ({EMAIL})",
            "Hi {FIRST_NAME}, could you review the draft before Friday?",
            "My name is {PERSON} and I need to update my billing address to {ADDRESS_ONE_LINE}.",
            "{PERSON}'s application was approved.",
            "Report prepared by {PERSON} for {COMPANY}, {CITY}.",
            "Customer: {PERSON}\nPhone: {PHONE}\nAddress: {ADDRESS_ONE_LINE}",
            "The package from {COMPANY} arrived at {ADDRESS_MULTI_LINE}",
            "Return address: {PO_BOX}",
            "According to {PERSON}, the warehouse in {CITY} will close.",
            "Ask {TITLED_PERSON} about the delivery to {STREET_LINE}.",
            "He was born in {CITY} on {DATE}.",
            "The tenant at {STREET_LINE} reported a leak.",
            "Signed, {PERSON}",
            "We visited {CITY} and then drove on to {CITY}.",
            "{PERSON} from {COMPANY} will present the results.",
            "Her SSN is {SSN} and her phone is {PHONE}.",
            "Please update the record of {PERSON}: new email {EMAIL}.",
            "The quarterly report shows that sales grew by 12 percent.",
            "Our team reviewed the roadmap and agreed on the next steps.",
            "The build failed twice yesterday, but today's run passed.");

    private final Faker faker;
    private final Random random;
    private final String locale;

    private GeneratedPiiSet(String locale, Random random) {
        this.locale = locale;
        this.random = random;
        this.faker = new Faker(Locale.forLanguageTag(locale), random);
    }

    /** A slot's value: the text written, and the labelled part of it (type null: nothing labelled). */
    private record Value(String text, String type, int from, int to) {
        static Value of(String type, String text) {
            return new Value(text, type, 0, text.length());
        }
    }

    private final Map<String, Function<GeneratedPiiSet, Value>> slots = Map.ofEntries(
            Map.entry("PERSON", g -> Value.of("PERSON", g.person())),
            Map.entry("FIRST_NAME", g -> Value.of("PERSON", g.faker.name().firstName())),
            Map.entry("TITLED_PERSON", GeneratedPiiSet::titledPerson),
            Map.entry("ADDRESS_ONE_LINE", g -> Value.of("STREET_ADDRESS", g.addressOneLine())),
            Map.entry("ADDRESS_MULTI_LINE", g -> Value.of("STREET_ADDRESS", g.addressMultiLine())),
            Map.entry("STREET_LINE", g -> Value.of("STREET_ADDRESS", g.faker.address().streetAddress(
                    g.random.nextInt(3) == 0))),
            Map.entry("PO_BOX", g -> Value.of("STREET_ADDRESS", g.poBox())),
            Map.entry("CITY", g -> Value.of("GPE", g.faker.address().city())),
            Map.entry("STATE", g -> Value.of("GPE", g.faker.address().state())),
            Map.entry("COUNTRY", g -> Value.of("GPE", g.faker.address().country())),
            Map.entry("COMPANY", g -> Value.of("ORGANIZATION", g.company())),
            Map.entry("PHONE", g -> Value.of("PHONE_NUMBER", g.faker.phoneNumber().phoneNumber())),
            Map.entry("EMAIL", g -> Value.of("EMAIL_ADDRESS", g.faker.internet().emailAddress())),
            Map.entry("DATE", g -> Value.of("DATE_TIME", g.date())),
            Map.entry("SSN", g -> Value.of("US_SSN", g.faker.idNumber().ssnValid())));

    private String person() {
        String first = faker.name().firstName();
        String last = faker.name().lastName();
        return switch (random.nextInt(6)) {
            case 0 -> first + " " + (char) ('A' + random.nextInt(26)) + ". " + last;   // middle initial
            case 1 -> first + " " + last + "-" + faker.name().lastName();              // double-barrelled
            case 2 -> first + " O'" + capitalised(faker.name().lastName());            // Irish patronymic form
            case 3 -> first + " " + faker.name().firstName() + " " + last;             // two given names
            default -> first + " " + last;
        };
    }

    private static String capitalised(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private Value titledPerson() {
        String prefix = faker.name().prefix();
        String name = random.nextBoolean() ? faker.name().lastName() : person();
        String text = prefix + " " + name;
        return new Value(text, "PERSON", prefix.length() + 1, text.length());
    }

    private String company() {
        return random.nextInt(3) == 0 ? faker.name().lastName() + " " + faker.company().suffix()
                : faker.company().name();
    }

    private String date() {
        int day = 1 + random.nextInt(28);
        String month = List.of("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December").get(random.nextInt(12));
        int year = 1950 + random.nextInt(75);
        return random.nextBoolean() ? day + " " + month + " " + year : month + " " + day + ", " + year;
    }

    private boolean northAmericanOrAustralian() {
        return locale.equals("en-US") || locale.equals("en-CA") || locale.equals("en-AU");
    }

    private String postcode() {
        return locale.equals("en-GB") || locale.equals("en-CA") ? faker.address().postcode()
                : faker.address().zipCode();
    }

    private String street() {
        return faker.address().streetAddress(random.nextInt(3) == 0);
    }

    private String addressOneLine() {
        var a = faker.address();
        if (northAmericanOrAustralian()) {
            return street() + ", " + a.city() + ", " + a.stateAbbr() + " " + postcode();
        }
        if (locale.startsWith("en-")) {
            return street() + ", " + a.city() + " " + postcode();
        }
        return street() + ", " + postcode() + " " + a.city();
    }

    private String addressMultiLine() {
        var a = faker.address();
        String country = random.nextBoolean() ? "\n" + a.country() : "";
        if (northAmericanOrAustralian()) {
            return street() + "\n" + a.city() + ", " + a.stateAbbr() + " " + postcode() + country;
        }
        if (locale.startsWith("en-")) {
            return street() + "\n" + a.city() + "\n" + postcode() + country;
        }
        return street() + "\n" + postcode() + " " + a.city() + country;
    }

    private String poBox() {
        var a = faker.address();
        String number = String.valueOf(1 + random.nextInt(9999));
        String box = switch (locale) {
            case "de" -> "Postfach " + number;
            case "fr" -> "BP " + number;
            case "es" -> "Apartado " + number;
            case "nl" -> "Postbus " + number;
            case "it" -> "Casella Postale " + number;
            default -> List.of("PO Box ", "P.O. Box ", "POB ").get(random.nextInt(3)) + number;
        };
        if (northAmericanOrAustralian()) {
            return box + ", " + a.city() + ", " + a.stateAbbr() + " " + postcode();
        }
        if (locale.startsWith("en-")) {
            return box + ", " + a.city() + " " + postcode();
        }
        return box + ", " + postcode() + " " + a.city();
    }

    private Map<String, Object> sample(String template, int id) {
        StringBuilder text = new StringBuilder();
        List<Map<String, Object>> spans = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                text.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            text.append(template, i, open);
            Value v = slots.get(template.substring(open + 1, close)).apply(this);
            int at = text.length();
            text.append(v.text());
            Map<String, Object> span = new LinkedHashMap<>();
            span.put("entity_type", v.type());
            span.put("entity_value", v.text().substring(v.from(), v.to()));
            span.put("start_position", at + v.from());
            span.put("end_position", at + v.to());
            spans.add(span);
            i = close + 1;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("full_text", text.toString());
        out.put("spans", spans);
        out.put("template_id", id);
        out.put("metadata", Map.of("locale", locale));
        return out;
    }

    /** Every template in every locale, {@code rounds} times, from one seed. */
    static List<Map<String, Object>> generate(int rounds, long seed) {
        Random random = new Random(seed);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (String locale : LOCALES) {
                GeneratedPiiSet g = new GeneratedPiiSet(locale, random);
                for (int t = 0; t < TEMPLATES.size(); t++) {
                    out.add(g.sample(TEMPLATES.get(t), t));
                }
            }
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261207L;
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(Path.of(args[0]).toFile(), generate(rounds, seed));
    }
}
