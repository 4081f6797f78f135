package dev.bulwark.injection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the folded reading of a text is: one row per normalisation the detector promises. */
class NormalizationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "full-width           | \uFF29\uFF27\uFF2E\uFF2F\uFF32\uFF25 all   | ignore all",
        "math bold            | \uD835\uDC08\uD835\uDC20\uD835\uDC27\uD835\uDC28\uD835\uDC2B\uD835\uDC1E | ignore",
        "circled              | \u24D8\u24D6\u24DD\u24DE\u24E1\u24D4 | ignore",
        "combining marks      | i\u0301g\u0308no\u0303re | ignore",
        "accents              | Ign\u00F3r\u00E9 | ignore",
        "html references      | &#73;gn&#x6f;re &amp; go | ignore & go",
        "json escapes         | \\u0049gn\\u006Fre all\\nprevious\\tnow | ignore all previous now",
        "json surrogate pair  | go \\uD835\\uDC08gnore | go ignore",
        "hex escapes          | \\x49gnore | ignore",
        "not escapes          | C:\\users\\zoe \\u12 \\x4 | c:\\users\\zoe \\u12 \\x4",
        "zero width dropped   | ig\u200Bno\u200Dre | ignore",
        "bidi controls dropped| ig\u202Eno\u2066re | ignore",
        "cyrillic look-alikes | ign\u043Er\u0435 | ignore",
        "greek look-alikes    | \u03B9gn\u03BFr\u03B5 th\u03B5 task | ignore the task",
        "whole russian word   | \u0441\u043E\u0440 | \u0441\u043E\u0440",
    })
    void foldsTheBaseReading(String what, String input, String folded) {
        assertThat(NormalizedText.of(input, 0, input.length()).text).isEqualTo(folded);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "zero width between words | ignore\u200Ball\u200Bprevious | ignore all previous",
        "spaced letters           | i g n o r e  a l l          | ignore all",
        "dotted letters           | i.g.n.o.r.e a.l.l            | ignore all",
        "two-letter runs          | a.i a.g.e.n.t.s              | ai agents",
        "tags inside words        | ig<b></b>nore <i>all</i>     | ignore all",
        "emphasis                 | **ig*no*re** all             | ignore all",
        "leetspeak                | 1gn0r3 4ll pr3v10u5          | ignore all previous",
        "leetspeak, 1 for l       | a11 ru135                    | all rules",
    })
    void readsObfuscatedTextAgain(String what, String input, String reading) {
        NormalizedText base = NormalizedText.of(input, 0, input.length());
        ObfuscatedViews.Readings readings = ObfuscatedViews.of(input, 0, input.length(), base);
        assertThat(readings.views()).extracting(v -> v.text).contains(reading);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain prose | The quick brown fox jumps over the lazy dog.",
        "russian     | \u041F\u0440\u0438\u0432\u0435\u0442, \u043A\u0430\u043A \u0434\u0435\u043B\u0430?",
        "one zwj emoji | family \uD83D\uDC68\u200D\uD83D\uDC69 photo",
    })
    void ordinaryTextNeedsNoSecondReading(String what, String input) {
        NormalizedText base = NormalizedText.of(input, 0, input.length());
        ObfuscatedViews.Readings readings = ObfuscatedViews.of(input, 0, input.length(), base);
        assertThat(readings.views()).isEmpty();
        assertThat(readings.compact()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "full-width | x \uFF29\uFF27\uFF2E\uFF2F\uFF32\uFF25 | \uFF29\uFF27\uFF2E\uFF2F\uFF32\uFF25",
        "entities   | x &#73;gnore | &#73;gnore",
    })
    void spansOfTheFoldedTextPointIntoTheOriginal(String what, String input, String word) {
        NormalizedText base = NormalizedText.of(input, 0, input.length());
        int at = base.text.indexOf("ignore");
        assertThat(input.substring(base.originalStart(at), base.originalEnd(at + 6))).isEqualTo(word);
    }
}
