package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnglishStreetTypesTest {

    private static boolean is(String word) {
        return EnglishStreetTypes.is(word, 0, word.length());
    }

    @Test
    void knowsTheTypesTheirPluralsAndAbbreviations() {
        assertThat(is("Street")).isTrue();
        assertThat(is("Streets")).isTrue();
        assertThat(is("Ave")).isTrue();
        assertThat(is("Ter")).isTrue();
        assertThat(is("Terr")).isTrue();
        assertThat(is("Expressways")).isTrue();
    }

    @Test
    void comparesCaseSensitively() {
        assertThat(is("street")).isFalse();
        assertThat(is("STREET")).isFalse();
        assertThat(is("S")).isFalse();
        assertThat(is("s")).isFalse();
        assertThat(is("Streetwise")).isFalse();
        assertThat(is("Ä")).isFalse();
    }

    @Test
    void looksAheadOnTheSameLineAtTokenStarts() {
        assertThat(EnglishStreetTypes.ahead("Main Street", 0)).isTrue();
        assertThat(EnglishStreetTypes.ahead("N Oak Ave.", 0)).isTrue();
        assertThat(EnglishStreetTypes.ahead("Main\nStreet", 0)).isFalse();
        assertThat(EnglishStreetTypes.ahead("Main,Street", 0)).isFalse();
        assertThat(EnglishStreetTypes.ahead("x".repeat(300) + " Street", 0)).isFalse();
        assertThat(EnglishStreetTypes.ahead("", 0)).isFalse();
        assertThat(EnglishStreetTypes.ahead("Ωmega Road", 0)).isTrue();
    }

    /** The look-ahead as a scan over the tokens from {@code j} within {@code within} characters (the former code). */
    private static boolean scan(String text, int j, int within) {
        int limit = Math.min(text.length(), j + within);
        int k = j;
        while (k < limit) {
            int e = k;
            while (e < text.length() && (text.charAt(e) >= 'a' && text.charAt(e) <= 'z'
                    || text.charAt(e) >= 'A' && text.charAt(e) <= 'Z')) {
                e++;
            }
            if (e > k && EnglishStreetTypes.is(text, k, e)) {
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

    /** One look-ahead asked at places in increasing order answers as a fresh scan from each place. */
    @Test
    void aReusedLookAheadAgreesWithAScanFromEachPlace() {
        String[] pieces = {" ", "  ", "\t", "\n", "\r", ",", "Main", "Street", "St.", "Ave", "Oak", "street", "x",
                "12", "Streetwise", "é", "\uD835\uDC00", "A".repeat(40), "Road", "Rds", "Terr"};
        Random random = new Random(67);
        int found = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int p = random.nextInt(30); p >= 0; p--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String t = text.toString();
            EnglishStreetTypes.Ahead ahead = new EnglishStreetTypes.Ahead(TextShape.of(t));
            for (int j = random.nextInt(3); j <= t.length(); j += 1 + random.nextInt(4)) {
                boolean expected = scan(t, j, 282);
                found += expected ? 1 : 0;
                assertThat(ahead.at(j)).as("%s at %d", t, j).isEqualTo(expected);
            }
        }
        assertThat(found).isGreaterThan(20_000);
    }

    /** The farthest street type an English match can reach is within the look-ahead's reach. */
    @Test
    void theLongestEnglishMatchIsWithinReach() {
        String word = "\uD835\uDC00".repeat(31);
        String text = "12 123456a-1234b   N.   " + (word + "   ").repeat(4) + "Street";
        assertThat(EnglishStreets.match(text, 0)).isEqualTo(text.length());
        assertThat(EnglishStreetTypes.ahead(text, 3)).isTrue();
        assertThat(EnglishStreetTypes.ahead(text.replace("N.   ", "N.    "), 3)).isFalse();
    }

    @Test
    void listsTheAlternativesInThePatternsOrder() {
        assertThat(EnglishStreetTypes.alternatives("(?:(?:Street|Avenue|Square)s?|(?:St|Ave|Terr?)\\.?)"))
                .containsExactly(List.of("Street", "Avenue", "Square"), List.of("St", "Ave", "Terr", "Ter"));
    }
}
