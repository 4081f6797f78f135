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
        String[] edges = {"", "", " ", ".", ",", "/", ":", "-", "_", "x", "5", ".5", "-1", ":3", "s", "é", "١",
                "\uD835\uDC00"};
        String[] separators = {".", "/", "-", ".", "/", "-", ",", ":"};
        String[] days = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mondays",
                "frıday", "ſunday", "tues", "day"};
        assertThat(agree(NUMERIC, DateScanners::numeric, pieces, 11, random -> {
            String separator = pick(random, separators);
            return digits(random, 3) + separator + digits(random, 3)
                    + (random.nextInt(5) == 0 ? pick(random, separators) : separator)
                    + (random.nextInt(3) == 0 ? digits(random, 5) : random.nextBoolean() ? "99" : "2024");
        }, edges)).isGreaterThan(1_000);
        assertThat(agree(YEAR, DateScanners::year, pieces, 12,
                random -> (random.nextBoolean() ? "1" + (5 + random.nextInt(5)) : "2" + random.nextInt(2))
                        + digits(random, 3) + (random.nextInt(3) == 0 ? "s" : ""), edges)).isGreaterThan(1_000);
        assertThat(agree(WEEKDAY, DateScanners::weekday, pieces, 13, random -> {
            StringBuilder day = new StringBuilder(pick(random, days));
            for (int k = 0; k < day.length(); k++) {
                if (random.nextInt(3) == 0) {
                    day.setCharAt(k, Character.toUpperCase(day.charAt(k)));
                }
            }
            return day.toString();
        }, edges)).isGreaterThan(1_000);
    }

    /**
     * Compares scanner and pattern at every index of generated texts: half random pieces, half a likely match
     * between random edges. Returns how many matches were seen.
     */
    private static int agree(Pattern pattern, ToIntBiFunction<String, Integer> scanner, String[] pieces, long seed,
            java.util.function.Function<Random, String> likely, String[] edges) {
        Random random = new Random(seed);
        int matches = 0;
        for (int n = 0; n < 30_000; n++) {
            StringBuilder text = new StringBuilder();
            if (random.nextBoolean()) {
                text.append(pick(random, edges)).append(likely.apply(random)).append(pick(random, edges));
            } else {
                int count = random.nextInt(12);
                for (int p = 0; p < count; p++) {
                    text.append(pick(random, pieces));
                }
            }
            String t = text.toString();
            Matcher m = pattern.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
            for (int i = 0; i <= t.length(); i++) {
                int expected = m.region(i, t.length()).lookingAt() ? m.end() : -1;
                matches += expected >= 0 ? 1 : 0;
                assertThat(scanner.applyAsInt(t, i)).as("%s at %d", t, i).isEqualTo(expected);
            }
        }
        return matches;
    }

    private static String digits(Random random, int most) {
        StringBuilder s = new StringBuilder();
        for (int k = random.nextInt(most) + 1; k > 0; k--) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    private static String pick(Random random, String[] pieces) {
        return pieces[random.nextInt(pieces.length)];
    }
}
