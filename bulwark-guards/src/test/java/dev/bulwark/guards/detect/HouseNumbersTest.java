package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HouseNumbersTest {
    private static final String NUM = "\\d{1,6}[A-Za-z]?(?:[-/]\\d{1,4}[A-Za-z]?)?";
    private static final Pattern WITH_STOP = Pattern.compile(NUM + "\\.?(?![\\p{L}\\p{N}])");
    private static final Pattern WITHOUT_STOP = Pattern.compile(NUM + "(?![\\p{L}\\p{N}])");
    private static final Pattern THEN_BLANKS = Pattern.compile(NUM + "[ \\t]{1,3}+");
    private static final Pattern THEN_SEPARATORS = Pattern.compile(NUM + "[ \\t,]{1,3}+");

    @Test
    void headIsDigitsAndOneOptionalAsciiLetter() {
        assertThat(HouseNumbers.head("221B Baker", 0)).isEqualTo(4);
        assertThat(HouseNumbers.head("123456", 0)).isEqualTo(6);
        assertThat(HouseNumbers.head("1234567", 0)).isEqualTo(-1);
        assertThat(HouseNumbers.head("x12", 0)).isEqualTo(-1);
        assertThat(HouseNumbers.head("", 0)).isEqualTo(-1);
        assertThat(HouseNumbers.head("１２", 0)).as("full-width digits are no ASCII digits").isEqualTo(-1);
    }

    @Test
    void pieceIsAHyphenOrSlashWithUpToFourDigits() {
        assertThat(HouseNumbers.piece("12-14", 2)).isEqualTo(5);
        assertThat(HouseNumbers.piece("3/5a", 1)).isEqualTo(4);
        assertThat(HouseNumbers.piece("3-12345", 1)).isEqualTo(-1);
        assertThat(HouseNumbers.piece("3-", 1)).isEqualTo(-1);
        assertThat(HouseNumbers.piece("3 5", 1)).isEqualTo(-1);
    }

    @Test
    void endingFallsBackBeforeAPieceFollowedByALetter() {
        assertThat(HouseNumbers.ending("12-14xy", 0, false)).isEqualTo(2);
        assertThat(HouseNumbers.ending("12.", 0, true)).isEqualTo(3);
        assertThat(HouseNumbers.ending("12.", 0, false)).isEqualTo(2);
        assertThat(HouseNumbers.ending("12é", 0, true)).isEqualTo(-1);
        assertThat(HouseNumbers.ending("12\u0301", 0, true)).as("a combining mark is no letter").isEqualTo(2);
        assertThat(HouseNumbers.ending("12\uD835\uDC00", 0, true)).as("a supplementary letter").isEqualTo(-1);
        assertThat(HouseNumbers.ending("12١", 0, true)).as("an Arabic-Indic digit is a number").isEqualTo(-1);
    }

    @Test
    void hugeDigitRunsAreRefusedWhole() {
        String digits = "7".repeat(100_000);
        assertThat(HouseNumbers.head(digits, 0)).isEqualTo(-1);
        assertThat(HouseNumbers.ending(digits, 99_995, true)).isEqualTo(100_000);
        assertThat(HouseNumbers.thenBlanks(digits, 0, ' ')).isEqualTo(-1);
    }

    /** The pieces agree with the patterns they replace on generated texts, at every start. */
    @Test
    void agreesWithThePatterns() {
        String[] pieces = {"1", "12", "123456", "7", "a", "B", "z", "-", "/", ".", " ", "\t", ",", "é", "\u0301",
                "\uD835\uDC00", "١", "１", "ı", "İ", "\u05D0", "_"};
        Random random = new Random(61);
        int matches = 0;
        for (int n = 0; n < 40_000; n++) {
            String t = RandomTexts.of(random, pieces, 10, false);
            for (int i = 0; i < t.length(); i++) {
                assertThat(HouseNumbers.ending(t, i, true)).as("%s at %d", t, i).isEqualTo(end(WITH_STOP, t, i));
                assertThat(HouseNumbers.ending(t, i, false)).as("%s at %d", t, i).isEqualTo(end(WITHOUT_STOP, t, i));
                assertThat(HouseNumbers.thenBlanks(t, i, ' ')).as("%s at %d", t, i).isEqualTo(end(THEN_BLANKS, t, i));
                int separated = HouseNumbers.thenBlanks(t, i, ',');
                assertThat(separated).as("%s at %d", t, i).isEqualTo(end(THEN_SEPARATORS, t, i));
                matches += separated >= 0 ? 1 : 0;
            }
        }
        assertThat(matches).isGreaterThan(5_000);
    }

    private static int end(Pattern pattern, String text, int i) {
        Matcher m = pattern.matcher(text).useTransparentBounds(true).region(i, text.length());
        return m.lookingAt() ? m.end() : -1;
    }
}
