package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    @Test
    void regroupsTheTypesByFirstLetterKeepingTheirOrder() {
        assertThat(EnglishStreetTypes.byInitial("(?:(?:Street|Avenue|Square)s?|(?:St|Ave|Terr?)\\.?)"))
                .isEqualTo("(?:S(?:(?:treet|quare)s?|(?:t)\\.?)|A(?:(?:venue)s?|(?:ve)\\.?)|T(?:(?:err?)\\.?))");
    }

    /** The street-address pattern with the regrouped types matches exactly where and as far as with the original. */
    @Test
    void theRegroupedPatternMatchesAsTheOriginal() {
        String num = "\\d{1,6}[A-Za-z]?(?:[-/]\\d{1,4}[A-Za-z]?)?";
        String cap = "\\p{Lu}[\\p{L}\\p{M}'’.-]{0,30}+";
        String head = "(?<![\\w.-])(?:\\d{1,6}[ \\t]{1,3}+)?" + num + "[ \\t]{1,3}+(?:[NSEW]\\.?[ \\t]{1,3}+)?(?:(?:" + cap
                + "|\\d{1,3}(?:st|nd|rd|th))[ \\t]{1,3}+){1,4}?";
        String tail = "(?:[ \\t]{1,3}+(?:[NSEW]{1,2})\\.?)?(?![\\p{L}\\p{N}])";
        Pattern original = Pattern.compile(head + AddressRecognizer.EN_TYPES + tail);
        Pattern regrouped = Pattern.compile(head + EnglishStreetTypes.byInitial(AddressRecognizer.EN_TYPES) + tail);
        String[] pieces = {"12", "4", "221B", "12-14", "1234567", " ", " ", "  ", "\t", "N", "SW", "N.", "5th", "Main",
                "Oak", "Street", "Streets", "St", "St.", "Ste", "Ave", "Av.", "Terr", "Ter.", "Terrace", "Broadway",
                "Expressways", "Sq", "Square", "Road", "Rd.", "Xing", "Pkwy", "Ranch", "Rapid", "street", "Stx", "é",
                "É", "\u0301", "\uD835\uDC00", ",", ".", "-", "x", "5"};
        Random random = new Random(61);
        int matches = 0;
        for (int n = 0; n < 30_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int p = random.nextInt(9); p >= 0; p--) {
                text.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(4) > 0) {
                    text.append(' ');
                }
            }
            String t = text.toString();
            Matcher a = original.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
            Matcher b = regrouped.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
            for (int i = 0; i <= t.length(); i++) {
                boolean matched = a.region(i, t.length()).lookingAt();
                assertThat(b.region(i, t.length()).lookingAt()).as("%s at %d", t, i).isEqualTo(matched);
                if (matched) {
                    matches++;
                    assertThat(b.end()).as("%s at %d", t, i).isEqualTo(a.end());
                }
            }
        }
        assertThat(matches).isGreaterThan(1_000);
    }
}
