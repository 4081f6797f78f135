package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AddressTailsTest {
    /** The postcode as the locality and tail patterns had it, without the lookahead that now opens it. */
    private static final String OLD_ZIP = "(?:\\d{5}(?:-\\d{4})?|\\d{2}-\\d{3}|\\d{5}-\\d{3}|\\d{3}[ ]?\\d{2}|"
            + "\\d{3,6}|[A-Z]\\d[A-Z][ ]?\\d[A-Z]\\d|[A-Z]{1,2}\\d[A-Z\\d]?[ ]\\d[A-Z]{2})";
    private static final String CAP = AddressRecognizer.CAP;
    private static final String PARTICLE = AddressRecognizer.PARTICLE;
    private static final Pattern OLD_LOCALITY = Pattern.compile(
            "(?:[ \\t]*,[ \\t]*(?:\\r?\\n[ \\t>]*)?|[ \\t]*\\r?\\n[ \\t>]*(?:,[ \\t]*)?)(?:(?:(?:" + OLD_ZIP
                    + "[ \\t]{1,2})?" + CAP + "(?:[ \\t-]{1,2}(?:" + CAP + "(?![0-9])|" + PARTICLE
                    + ")){0,3}+)(?:,?[ \\t]{1,2}\\p{Lu}{2}(?![\\p{L}]))?(?:,?[ \\t]{1,2}" + OLD_ZIP
                    + ")?|\\p{Lu}{2}(?:[ \\t]{1,2}" + OLD_ZIP + ")?|" + OLD_ZIP + ")(?![\\p{L}\\p{N}])");
    /**
     * The locality pattern {@code AddressTails} had before {@link Localities}, with a further word no longer taken
     * right before a digit (a postcode's start).
     */
    static final Pattern LOCALITY = Pattern.compile(
            "(?:[ \\t]*,[ \\t]*(?:\\r?\\n[ \\t>]*)?|[ \\t]*\\r?\\n[ \\t>]*(?:,[ \\t]*)?)(?:(?:(?:" + AddressTails.ZIP
                    + "[ \\t]{1,2})?" + CAP + "(?:[ \\t-]{1,2}(?:" + CAP + "(?![0-9])|" + PARTICLE
                    + ")){0,3}+)(?:,?[ \\t]{1,2}\\p{Lu}{2}(?![\\p{L}]))?(?:,?[ \\t]{1,2}" + AddressTails.ZIP
                    + ")?|\\p{Lu}{2}(?:[ \\t]{1,2}" + AddressTails.ZIP + ")?|" + AddressTails.ZIP
                    + ")(?![\\p{L}\\p{N}])");
    /** The unit pattern {@code AddressTails} had before {@link Units}, with the unit words of more languages. */
    static final Pattern UNIT = Pattern.compile(
            "(?i)(?:,?[ \\t]{0,3}+|[ \\t]*\\r?\\n[ \\t>]*)(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|Bldg|"
                    + "Building|#|No|Appartamento|Piano|Interno|Scala|Zimmer|Wohnung|Whg|Piso|Puerta|Apto|Bus|Appt)"
                    + "\\.?[ \\t]?#?[A-Za-z]?\\d{1,5}[A-Za-z]?(?![\\w])");
    private static final Pattern OLD_TAIL = Pattern.compile("[ \\t]{1,2}(?:\\p{Lu}{2,}+(?:[ \\t]\\p{Lu}{2,}+){0,2}+"
            + "(?:[ \\t]" + OLD_ZIP + ")?|" + OLD_ZIP + ")(?![\\p{L}\\p{N}])");

    @Test
    void absorbsUnitsLocalitiesAndPostcodes() {
        String text = "12 Main St Apt 4, Springfield, IL 62704 today";
        assertThat(new AddressTails(text).extend(10, 0)).isEqualTo(39);
        String lines = "Koskikatu 25\nArtilleros\n, CO\n Uruguay 64677";
        assertThat(new AddressTails(lines).extend(12, 0)).isEqualTo(lines.length());
    }

    @Test
    void stopsAtProseAndLabels() {
        assertThat(new AddressTails("12 Main St, and then").extend(10, 0)).isEqualTo(10);
        assertThat(new AddressTails("12 Main St\nMobile: 555").extend(10, 0)).isEqualTo(10);
        assertThat(new AddressTails("12 Main St").extend(10, 0)).isEqualTo(10);
        assertThat(new AddressTails("").extend(0, 0)).isEqualTo(0);
    }

    @Test
    void reusesAnEndOnlyWhereTheLengthLimitCannotDiffer() {
        String text = "x".repeat(300) + " 12 Main St, Springfield, IL 62704";
        int street = 311;
        AddressTails tails = new AddressTails(text);
        assertThat(tails.extend(street, 301)).isEqualTo(text.length());
        // The same street end from a start far enough back that the limit of 240 characters stops it at once.
        assertThat(tails.extend(street, 60)).isEqualTo(street);
        assertThat(new AddressTails(text).extend(street, 60)).isEqualTo(street);
        // From a start where the limit is never reached, the worked-out end is the fresh one.
        assertThat(tails.extend(street, 100)).isEqualTo(new AddressTails(text).extend(street, 100))
                .isEqualTo(text.length());
    }

    @Test
    void preChecksPassWhereverTheirPatternMatches() {
        String[] pieces = {" ", "  ", "\t", ",", ", ", "\n", "\r\n", ">", "\n> ", "Apt", "apt.", "Suite", "# ",
                "No.", "Floor", "fl", "Unit", "4", "12", "62704", "12345-6789", "SW1A 1AA", "K1A 0B1", "IL", "NY", "SK",
                "Springfield", "de", "la", "Mora", "and", "x", "é", "É", "\u0301", "\uD835\uDC00", "Ωmega", "ΛΕΥΚΩΣΙΑ",
                ":", ".", "-"};
        Random random = new Random(41);
        int[] matches = new int[2];
        for (int n = 0; n < 40_000; n++) {
            String t = RandomTexts.of(random, pieces, 8, false);
            int limit = random.nextInt(t.length() + 1);
            for (int from = 0; from <= limit; from++) {
                if (matches(AddressTails.SAME_LINE_TAIL, t, from, limit)) {
                    matches[0]++;
                    assertThat(AddressTails.tailPossible(t, from, limit)).as("tail %s at %d", t, from).isTrue();
                }
                if (matches(LOCALITY, t, from, limit)) {
                    matches[1]++;
                    assertThat(AddressTails.localityPossible(t, from, limit)).as("locality %s at %d", t, from)
                            .isTrue();
                }
            }
        }
        assertThat(matches[0]).isGreaterThan(500);
        assertThat(matches[1]).isGreaterThan(500);
    }

    /** The lookahead opening the postcode changes no match of the locality and tail patterns, nor where it ends. */
    @Test
    void postcodeLookaheadChangesNoMatch() {
        String[] pieces = {" ", "  ", "\t", ",", ", ", "\n", "\r\n", "> ", "62704", "12345-6789", "12-345",
                "12345-678", "123 45", "1234", "SW1A 1AA", "W1 1AA", "K1A 0B1", "K1A0B1", "A1", "AB", "IL", "NY",
                "Springfield", "Mora", "de", "la", "Rubielos", "LONDON", "É", "Ωmega", "x", "-", "5", "\uD835\uDC00"};
        Random random = new Random(43);
        int matches = 0;
        for (int n = 0; n < 30_000; n++) {
            String t = RandomTexts.of(random, pieces, 8, false);
            int limit = random.nextInt(t.length() + 1);
            for (int from = 0; from <= limit; from++) {
                for (Pattern[] pair : new Pattern[][] {{OLD_LOCALITY, LOCALITY},
                        {OLD_TAIL, AddressTails.SAME_LINE_TAIL}}) {
                    var before = pair[0].matcher(t).region(from, limit);
                    var after = pair[1].matcher(t).region(from, limit);
                    boolean matched = before.lookingAt();
                    assertThat(after.lookingAt()).as("%s at %d to %d", t, from, limit).isEqualTo(matched);
                    if (matched) {
                        matches++;
                        assertThat(after.end()).as("%s at %d to %d", t, from, limit).isEqualTo(before.end());
                    }
                }
            }
        }
        assertThat(matches).isGreaterThan(5_000);
    }

    private static boolean matches(Pattern pattern, String text, int from, int limit) {
        return pattern.matcher(text).region(from, limit).lookingAt();
    }
}
