package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ContextTest {
    private static final String[] LITERALS = {"ssn", "ssns", "social security", "social", "ss#", "d.o.b", "v", "ip",
            "api level", "kin"};
    private static final Context.Words WORDS = Context.words(LITERALS);
    /** The regex the words replaced, as it was built and run; the reference for the differential test. */
    private static final Pattern REFERENCE = Pattern.compile("(?<![\\p{L}\\p{N}_])(?:"
            + String.join("|", java.util.Arrays.stream(LITERALS).map(Pattern::quote).toList())
            + ")(?![\\p{L}\\p{N}_])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final String[] PIECES = {"s", "S", "n", "N", "o", "c", "i", "a", "l", "p", "v", "V", "e", "k",
            "K", "d", " ", " ", " ", ".", "#", "_", "-", "1", "٣", "Ⅻ", "ſ", "\u212A", "İ", "ı", "é", "e\u0301",
            "\uD835\uDC00", "\uD83D\uDE00", "\uD835", "\uDC00", "\n", "social", "security", "ssn", "SSN", "ip", "level"};

    @Test
    void findsWholeWordsInAnyCaseBeforeAndAfter() {
        assertThat(WORDS.before("My SSN: 078-05-1120", 8, 40)).isTrue();
        assertThat(WORDS.before("Social Security 078", 16, 40)).isTrue();
        assertThat(WORDS.after("078-05-1120 (ssn)", 11, 12)).isTrue();
        assertThat(WORDS.before("born d.o.b 1990", 11, 40)).isTrue();
    }

    @Test
    void ignoresWordsGluedToLettersDigitsOrUnderscores() {
        assertThat(WORDS.before("assnap 078", 7, 40)).isFalse();
        assertThat(WORDS.before("ssn1 078", 5, 40)).isFalse();
        assertThat(WORDS.before("my_ssn 078", 7, 40)).isFalse();
        assertThat(WORDS.before("ssné 078", 5, 40)).isFalse();
    }

    @Test
    void treatsTheWindowEdgesAsBoundaries() {
        // "xssn" cut to "ssn" by a window starting at index 1, and "ssnx" cut before its "x".
        assertThat(WORDS.before("xssn 123", 5, 4)).isTrue();
        assertThat(WORDS.after("123 ssnx", 3, 4)).isTrue();
        assertThat(WORDS.before("ssn 123", 5, 2)).isFalse();
    }

    @Test
    void foldsCaseAsAUnicodeRegexDoes() {
        assertThat(WORDS.before("ſſn 1", 4, 40)).isTrue();
        assertThat(WORDS.before("\u212Ain 1", 4, 40)).isTrue();
        assertThat(WORDS.before("İP 1", 3, 40)).isTrue();
    }

    @Test
    void rejectsEmptyOrNonAsciiWords() {
        assertThatThrownBy(() -> Context.words("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Context.words("straße")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handlesEmptyTextsAndWindowsAtTheEdges() {
        assertThat(WORDS.before("", 0, 40)).isFalse();
        assertThat(WORDS.after("", 0, 40)).isFalse();
        assertThat(WORDS.after("ssn", 3, 40)).isFalse();
        assertThat(WORDS.before("ssn", 0, 40)).isFalse();
    }

    @Test
    void agreesWithTheRegexItReplacedOnGeneratedTexts() {
        Random random = new Random(20261125);
        int found = 0;
        for (int n = 0; n < 60_000; n++) {
            StringBuilder b = new StringBuilder();
            int pieces = 1 + random.nextInt(14);
            for (int k = 0; k < pieces; k++) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = b.toString();
            int from = random.nextInt(text.length() + 1);
            int to = from + random.nextInt(text.length() - from + 1);
            boolean expected = REFERENCE.matcher(text).region(from, to).find();
            assertThat(WORDS.within(text, from, to)).as("%s [%d, %d)", text, from, to).isEqualTo(expected);
            found += expected ? 1 : 0;
        }
        // Both answers must be common, or the comparison proves little.
        assertThat(found).isBetween(1_000, 59_000);
    }
}
