package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DateStartsTest {
    private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
            + "aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
    /** {@code DateRecognizer}'s written-date pattern. */
    private static final Pattern WRITTEN = Pattern.compile(
            "(?<![\\w])(?:(?:\\d{1,2}(?:st|nd|rd|th)?\\s(?:of\\s)?" + MONTH + ",?(?:\\s\\d{4})?)|(?:" + MONTH
                    + "\\s\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s\\d{4})?)|(?:" + MONTH + ",?\\s\\d{4}))(?![\\w])",
            Pattern.CASE_INSENSITIVE);

    private static int at(String text, int i) {
        TextShape shape = TextShape.of(text);
        for (int k = 0; k < shape.count(); k++) {
            if (shape.start(k) == i) {
                return DateStarts.shapesAt(shape, i, shape.kind(k), shape.has(TextShape.DIGITS));
            }
        }
        return 0;
    }

    @Test
    void aDayNumberIsFollowedByAMonthPerhapsAfterAnOrdinalAndOf() {
        assertThat(at("3 March 2020", 0) & DateStarts.WRITTEN).isNotZero();
        assertThat(at("21st of SEPT", 0) & DateStarts.WRITTEN).isNotZero();
        assertThat(at("3\tdec", 0) & DateStarts.WRITTEN).isNotZero();
        assertThat(at("3 apples", 0) & DateStarts.WRITTEN).isZero();
        assertThat(at("123 March", 0) & DateStarts.WRITTEN).isZero();
        assertThat(at("3rd of", 0) & DateStarts.WRITTEN).isZero();
    }

    @Test
    void aMonthWordIsFollowedByANumber() {
        assertThat(at("March 3", 0) & DateStarts.WRITTEN).isNotZero();
        assertThat(at("Sept., 2020", 0) & DateStarts.WRITTEN).isNotZero();
        assertThat(at("may be 3", 0) & DateStarts.WRITTEN).isZero();
        assertThat(at("Marché 3", 0) & DateStarts.WRITTEN).isZero();
        assertThat(at("Jun", 0) & DateStarts.WRITTEN).isZero();
    }

    @Test
    void numbersAndWeekdaysGetTheirShapes() {
        // "-0" after the year keeps YEAR from matching there.
        assertThat(at("2024-01-15", 0)).isEqualTo(DateStarts.ISO);
        assertThat(at("2024- 1", 0)).isEqualTo(DateStarts.ISO | DateStarts.YEAR);
        assertThat(at("12/05/2023", 0)).isEqualTo(DateStarts.NUMERIC);
        assertThat(at("1999s", 0)).isEqualTo(DateStarts.YEAR);
        assertThat(at("on Friday", 3)).isEqualTo(DateStarts.WEEKDAY);
        assertThat(at("1234567", 0)).isZero();
        assertThat(at("+12", 0)).isZero();
    }

    @Test
    void monthPrefixesFoldOnlyAsciiLetters() {
        assertThat(DateStarts.monthPrefix(TextShape.of("JUL"), 0)).isTrue();
        assertThat(DateStarts.monthPrefix(TextShape.of("ſep"), 0)).isFalse();
        assertThat(DateStarts.monthPrefix(TextShape.of("ja"), 0)).isFalse();
        assertThat(DateStarts.monthPrefix(TextShape.of(""), 0)).isFalse();
        assertThat(DateStarts.monthPrefix(TextShape.of("\uD835\uDC00jan"), 2)).isTrue();
    }

    @Test
    void wordsOpeningNoWeekdayOrMonthAreSkipped() {
        assertThat(DateStarts.openers(TextShape.of("Friday"), 0)).isTrue();
        assertThat(DateStarts.openers(TextShape.of("THUrsday"), 0)).isTrue();
        assertThat(DateStarts.openers(TextShape.of("Sept"), 0)).isTrue();
        assertThat(DateStarts.openers(TextShape.of("the"), 0)).isFalse();
        assertThat(DateStarts.openers(TextShape.of("ſat"), 0)).isFalse();
        assertThat(DateStarts.openers(TextShape.of("ma"), 0)).isFalse();
        assertThat(DateStarts.openers(TextShape.of(""), 0)).isFalse();
        assertThat(DateStarts.openers(TextShape.of("x\uD835\uDC00"), 0)).isFalse();
    }

    /** Every word where a weekday or a written date begins passes {@link DateStarts#openers}. */
    @Test
    void everyWeekdayAndMonthWordPassesTheOpenerCheck() {
        String[] pieces = {"monday", "TUESDAY", "Wednesday", "thursday", "Friday", "saturday", "SUNDAY", "Thu", "sat",
                "March", "mar", "SEPT", "Sept.", "may", "June", "jul", "jan", "oct", "Dec.", "apr", "Aug", "feb", "nov",
                "the", "Ma", "ſat", "é", "3", "21", " ", ",", "\uD835\uDC00", "x", "_"};
        Random random = new Random(35);
        int passes = 0;
        for (int n = 0; n < 30_000; n++) {
            String t = RandomTexts.of(random, pieces, 6, true);
            TextShape shape = TextShape.of(t);
            for (int k = 0; k < shape.count(); k++) {
                int i = shape.start(k);
                if (shape.kind(k) == TextShape.WORD
                        && (DateScanners.weekday(t, i) >= 0 || DateStarts.monthThenNumber(shape, i))) {
                    passes++;
                    assertThat(DateStarts.openers(shape, i)).as("%s at %d", t, i).isTrue();
                }
            }
        }
        assertThat(passes).isGreaterThan(5_000);
    }

    /** The written-date checks are necessary: wherever the pattern matches at a start, the check lets it through. */
    @Test
    void everyWrittenDateStartPassesTheCheck() {
        String[] pieces = {"3", "21", "123", "2020", "st", "ND", "of", "OF", " ", "\t", "\n", ",", ".", "-", "_",
                "March", "mar", "SEPT", "Sept.", "sep", "may", "June", "jul", "jan", "oct", "Dec.", "apples", "é",
                "ſep", "١", "\uD835\uDC00", "x"};
        Random random = new Random(31);
        int matches = 0;
        for (int n = 0; n < 30_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int p = random.nextInt(10); p >= 0; p--) {
                text.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextBoolean()) {
                    text.append(' ');
                }
            }
            String t = text.toString();
            TextShape shape = TextShape.of(t);
            Matcher m = WRITTEN.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
            for (int k = 0; k < shape.count(); k++) {
                int i = shape.start(k);
                if (m.region(i, t.length()).lookingAt()) {
                    matches++;
                    assertThat(DateStarts.shapesAt(shape, i, shape.kind(k), true) & DateStarts.WRITTEN)
                            .as("%s at %d", t, i).isNotZero();
                }
            }
        }
        assertThat(matches).isGreaterThan(1_000);
    }
}
