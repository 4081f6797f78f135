package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.ToIntBiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DateScannersTest {
    /** The patterns the scanners replace, as {@code DateRecognizer} had them. */
    private static final Pattern NUMERIC = Pattern.compile(
            "(?<![\\w./-])(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\w]|[./-]\\d)");
    private static final Pattern YEAR = Pattern.compile(
            "(?<![\\w.,/:-])(?:1[89]\\d\\d|20\\d\\d)(?:s)?(?![\\w]|[.,:/-]\\d)");
    private static final Pattern WEEKDAY = Pattern.compile(
            "(?<![\\w])(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?![\\w])", Pattern.CASE_INSENSITIVE);

    @Test
    void numericDatesHaveTwoShortRunsAndAYearWithOneSeparator() {
        assertThat(DateScanners.numeric("on 12/05/2023.", 3)).isEqualTo(13);
        assertThat(DateScanners.numeric("1.2.99", 0)).isEqualTo(6);
        assertThat(DateScanners.numeric("12/05-2023", 0)).isEqualTo(-1);
        assertThat(DateScanners.numeric("12/05/202", 0)).isEqualTo(-1);
        assertThat(DateScanners.numeric("v1.2.3.4", 1)).isEqualTo(-1);
        assertThat(DateScanners.numeric("1.2.33.4", 0)).isEqualTo(-1);
    }

    @Test
    void yearsRunFrom1800To2099WithAPluralS() {
        assertThat(DateScanners.year("in 1990s.", 3)).isEqualTo(8);
        assertThat(DateScanners.year("2024", 0)).isEqualTo(4);
        assertThat(DateScanners.year("1700", 0)).isEqualTo(-1);
        assertThat(DateScanners.year("2024S", 0)).isEqualTo(-1);
        assertThat(DateScanners.year("2024.5", 0)).isEqualTo(-1);
        assertThat(DateScanners.year("2024.", 0)).isEqualTo(4);
    }

    @Test
    void weekdaysAreWholeAsciiWordsInAnyCase() {
        assertThat(DateScanners.weekday("on MONDAY.", 3)).isEqualTo(9);
        assertThat(DateScanners.weekday("wednesday", 0)).isEqualTo(9);
        assertThat(DateScanners.weekday("Mondays", 0)).isEqualTo(-1);
        assertThat(DateScanners.weekday("éMonday", 1)).isEqualTo(7);
        // Only ASCII letters fold: the long s and the dotless i are not "s" and "i".
        assertThat(DateScanners.weekday("ſunday", 0)).isEqualTo(-1);
        assertThat(DateScanners.weekday("Frıday", 0)).isEqualTo(-1);
    }

    @Test
    void emptyAndHugeTexts() {
        assertThat(DateScanners.numeric("", 0)).isEqualTo(-1);
        assertThat(DateScanners.year("", 0)).isEqualTo(-1);
        assertThat(DateScanners.weekday("", 0)).isEqualTo(-1);
        String huge = "x ".repeat(50_000) + "Friday 1.2.2024 1999";
        assertThat(DateScanners.weekday(huge, 100_000)).isEqualTo(100_006);
        assertThat(DateScanners.numeric(huge, 100_007)).isEqualTo(100_015);
        assertThat(DateScanners.year(huge, 100_016)).isEqualTo(100_020);
    }

    @Test
    void agreeWithTheirPatternsOnGeneratedTexts() {
        String[] pieces = {"1", "2", "0", "9", "8", "12", "1999", "2024", "31", ".", "/", "-", ",", ":", "_", " ",
                "s", "S", "a", "x", "١", "１", "ſ", "ı", "İ", "\u212A", "é", "\u0301", "\uD835\uDC00", "\uD835",
                "Monday", "TUESday", "wednes", "day", "Thurs", "fri", "Satur", "SUN", "Sunday", "FRIDAY"};
        agree(NUMERIC, DateScanners::numeric, pieces, 11);
        agree(YEAR, DateScanners::year, pieces, 12);
        agree(WEEKDAY, DateScanners::weekday, pieces, 13);
    }

    private static void agree(Pattern pattern, ToIntBiFunction<String, Integer> scanner, String[] pieces, long seed) {
        Random random = new Random(seed);
        for (int n = 0; n < 30_000; n++) {
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(12);
            for (int p = 0; p < count; p++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String t = text.toString();
            Matcher m = pattern.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
            for (int i = 0; i <= t.length(); i++) {
                int expected = m.region(i, t.length()).lookingAt() ? m.end() : -1;
                assertThat(scanner.applyAsInt(t, i)).as("%s at %d", t, i).isEqualTo(expected);
            }
        }
    }
}
