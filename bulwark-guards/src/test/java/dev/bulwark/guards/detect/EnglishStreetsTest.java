package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EnglishStreetsTest {
    private static final String NUM = "\\d{1,6}[A-Za-z]?(?:[-/]\\d{1,4}[A-Za-z]?)?";
    /** The pattern {@code AddressRecognizer} had for English streets. */
    static final Pattern ENGLISH = Pattern.compile("(?<![\\w.-])(?:\\d{1,6}[ \\t]{1,3}+)?" + NUM
            + "[ \\t]{1,3}+(?:[NSEW]\\.?[ \\t]{1,3}+)?(?:(?:" + AddressRecognizer.CAP
            + "|\\d{1,3}(?:st|nd|rd|th))[ \\t]{1,3}+){1,4}?" + AddressRecognizer.EN_TYPES
            + "(?:[ \\t]{1,3}+(?:[NSEW]{1,2})\\.?)?(?![\\p{L}\\p{N}])");

    @Test
    void aNumberWordsAndAStreetType() {
        assertThat(EnglishStreets.match("221B Baker Street, London", 0)).isEqualTo(17);
        assertThat(EnglishStreets.match("12 N Oak Ave. today", 0)).isEqualTo(13);
        assertThat(EnglishStreets.match("1600 Pennsylvania Avenue NW.", 0)).isEqualTo(28);
        assertThat(EnglishStreets.match("at 350 5th Ave", 3)).isEqualTo(14);
        assertThat(EnglishStreets.match("12 34 Main Streets", 0)).isEqualTo(18);
    }

    @Test
    void typesAreTriedInThePatternsOrder() {
        // "St" of "Street" is followed by a letter; "Stream" has its own entry.
        assertThat(EnglishStreets.match("4 Long Stream", 0)).isEqualTo(13);
        assertThat(EnglishStreets.match("4 Long Sts", 0)).isEqualTo(-1);
        assertThat(EnglishStreets.match("4 Park Terr.", 0)).isEqualTo(12);
        assertThat(EnglishStreets.match("4 Park Ter.", 0)).isEqualTo(11);
    }

    @Test
    void refusesWhatThePatternRefuses() {
        assertThat(EnglishStreets.match("1234567 Main Street", 0)).isEqualTo(-1);
        assertThat(EnglishStreets.match("x12 Main Street", 1)).isEqualTo(-1);
        assertThat(EnglishStreets.match("12 One Two Three Four Five Street", 0)).isEqualTo(-1);
        assertThat(EnglishStreets.match("12 main street", 0)).isEqualTo(-1);
        assertThat(EnglishStreets.match("12 Main Streetcar", 0)).isEqualTo(-1);
    }

    @Test
    void emptyHugeAndOddTexts() {
        assertThat(EnglishStreets.match("", 0)).isEqualTo(-1);
        assertThat(EnglishStreets.match("12", 0)).isEqualTo(-1);
        assertThat(EnglishStreets.match("12 " + "A".repeat(100_000) + " Street", 0)).isEqualTo(-1);
        assertThat(EnglishStreets.match("12 \uD835\uDC00 Street", 0)).isEqualTo(12);
        assertThat(EnglishStreets.match("12 Mai\u0301n Street\u0301", 0)).isEqualTo(15);
        assertThat(EnglishStreets.match("12 Main Street١", 0)).isEqualTo(-1);
        assertThat(EnglishStreets.match("١2 Main Street", 1)).isEqualTo(14);
        assertThat(EnglishStreets.match("12 Main Ｓtreet", 0)).isEqualTo(-1);
    }

    @Test
    void agreesWithThePatternOnGeneratedTexts() {
        String[] pieces = {"12", "4", "221B", "12-14", "3/5", "3/12345", "7-x", "1234567", " ", " ", "  ", "    ", "\t",
                "N", "SW", "NEW", "N.", "E.", "5th", "1234th", "21st", "Main", "Oak", "O'Neil", "St.", "Street",
                "Streets", "St", "Ste", "Ave", "Av.", "Av", "Terr", "Ter.", "Terrace", "Broadway", "Expressways", "Sq",
                "Square", "Road", "Rd.", "Xing", "Pkwy", "Ranch", "Rapid", "Park", "Parkway", "Parks", "street",
                "Stx", "é", "É", "\u0301", "\uD835\uDC00", "١", ",", ".", "-", "_", "x", "5", "\n"};
        Random random = new Random(63);
        int matches = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder text = new StringBuilder();
            if (random.nextBoolean()) {
                text.append(random.nextInt(999)).append(' ');
            }
            for (int p = random.nextInt(8); p >= 0; p--) {
                text.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(4) > 0) {
                    text.append(' ');
                }
            }
            String t = text.toString();
            Matcher m = ENGLISH.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
            for (int i = 0; i <= t.length(); i++) {
                int expected = m.region(i, t.length()).lookingAt() ? m.end() : -1;
                matches += expected >= 0 ? 1 : 0;
                assertThat(EnglishStreets.match(t, i)).as("%s at %d", t, i).isEqualTo(expected);
            }
        }
        // The generated texts reach the pattern's matches, not only its refusals.
        assertThat(matches).isGreaterThan(3_000);
    }
}
