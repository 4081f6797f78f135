package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class LocalitiesTest {

    private static int match(String text, int from) {
        return Localities.match(text, from, text.length());
    }

    @Test
    void townsRegionsAndPostcodesAfterACommaOrALineBreak() {
        assertThat(match("12 Main St, Springfield, IL 62704 today", 10)).isEqualTo(33);
        assertThat(match(", IL 62704 today", 0)).isEqualTo(10);
        assertThat(match("\n> 10115 Berlin", 0)).isEqualTo(15);
        assertThat(match(", Rubielos de Mora", 0)).isEqualTo(18);
        assertThat(match(",\nSW1A 1AA", 0)).isEqualTo(10);
    }

    @Test
    void aSixDigitRunIsOnePostcode() {
        // A six-digit run is no five-digit postcode followed by a letter or number; the six digits are one.
        assertThat(match(", 123456", 0)).isEqualTo(8);
    }

    @Test
    void refusesProseLabelsAndCutWords() {
        assertThat(match(", and then", 0)).isEqualTo(-1);
        assertThat(match("Springfield", 0)).isEqualTo(-1);
        assertThat(match(",, Springfield", 0)).isEqualTo(-1);
        // The region's end hides what follows from the lookahead.
        assertThat(Localities.match(", IL 62704x", 0, 10)).isEqualTo(10);
        assertThat(Localities.match(", IL 62704x", 0, 11)).isEqualTo(4);
    }

    @Test
    void emptyHugeAndOddTexts() {
        assertThat(match("", 0)).isEqualTo(-1);
        assertThat(match(",", 0)).isEqualTo(-1);
        assertThat(match(", " + "A".repeat(100_000), 0)).isEqualTo(-1);
        assertThat(match(", É\u0301vora", 0)).isEqualTo(8);
        assertThat(match(", \uD835\uDC00\uD835\uDC00", 0)).isEqualTo(6);
        // A letter pair cut by the region's end is neither taken nor seen by the lookahead.
        assertThat(Localities.match(", \uD835\uDC00\uD835\uDC00", 0, 5)).isEqualTo(4);
        assertThat(match(", İzmir ١", 0)).isEqualTo(7);
        assertThat(match(", ΛΕΥΚΩΣΙΑ", 0)).isEqualTo(10);
        assertThat(match("\u202B, Tel Aviv", 0)).isEqualTo(-1);
    }

    @Test
    void agreesWithThePatternOnGeneratedTexts() {
        String[] openings = {", ", ",", " , ", "\n", "\r\n", "\n> ", "\n, ", ",\n", ", \r\n> ", "\r", "\t,\t", ",,",
                " ", ""};
        String[] pieces = {" ", " ", "  ", "\t", ",", ", ", "-", " - ", "\n", "62704", "12345-6789", "12-345",
                "12345-678", "123 45", "1234", "123456", "1234567", "SW1A 1AA", "W1 1AA", "K1A 0B1", "K1A0B1", "A1",
                "AB", "IL", "NY", "ABC", "Springfield", "Mora", "de", "la", "dos", "della", "lungo", "y", "Rubielos",
                "LONDON", "É", "Évora", "É\u0301", "Ωmega", "x", "5", "\uD835\uDC00", "\uD835", "O'Hare", "St.",
                "d’Arc", "İ", "ǅ", "١", "Ⅻ", "A".repeat(31), "B".repeat(32), ":"};
        Random random = new Random(45);
        int matches = 0;
        for (int n = 0; n < 40_000; n++) {
            StringBuilder text = new StringBuilder(openings[random.nextInt(openings.length)]);
            for (int p = random.nextInt(7); p >= 0; p--) {
                text.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(3) == 0) {
                    text.append(' ');
                }
            }
            String t = text.toString();
            int limit = random.nextInt(4) == 0 ? random.nextInt(t.length() + 1) : t.length();
            Matcher m = AddressTailsTest.LOCALITY.matcher(t);
            for (int from = 0; from <= limit; from++) {
                int expected = m.region(from, limit).lookingAt() ? m.end() : -1;
                matches += expected >= 0 ? 1 : 0;
                assertThat(Localities.match(t, from, limit)).as("%s at %d to %d", t, from, limit)
                        .isEqualTo(expected);
            }
        }
        // The generated texts reach the pattern's matches, not only its refusals.
        assertThat(matches).isGreaterThan(20_000);
    }
}
