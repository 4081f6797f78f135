package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DateStartsTest {

    private static TextShape shape(String text) {
        return TextShape.of(text);
    }

    @Test
    void aDayNumberIsFollowedByAMonthPerhapsAfterAnOrdinalAndOf() {
        assertThat(DateStarts.dayThenMonth(shape("3 March 2020"), 0)).isTrue();
        assertThat(DateStarts.dayThenMonth(shape("21st of SEPT"), 0)).isTrue();
        assertThat(DateStarts.dayThenMonth(shape("3\tdec"), 0)).isTrue();
        assertThat(DateStarts.dayThenMonth(shape("3 apples"), 0)).isFalse();
        assertThat(DateStarts.dayThenMonth(shape("123 March"), 0)).isFalse();
        assertThat(DateStarts.dayThenMonth(shape("3rd of"), 0)).isFalse();
    }

    @Test
    void aMonthWordIsFollowedByANumber() {
        assertThat(DateStarts.monthThenNumber(shape("March 3"), 0)).isTrue();
        assertThat(DateStarts.monthThenNumber(shape("Sept., 2020"), 0)).isTrue();
        assertThat(DateStarts.monthThenNumber(shape("may be 3"), 0)).isFalse();
        assertThat(DateStarts.monthThenNumber(shape("Marché 3"), 0)).isFalse();
        assertThat(DateStarts.monthThenNumber(shape("Jun"), 0)).isFalse();
    }

    @Test
    void monthPrefixesFoldOnlyAsciiLetters() {
        assertThat(DateStarts.monthPrefix(shape("JUL"), 0)).isTrue();
        assertThat(DateStarts.monthPrefix(shape("ſep"), 0)).isFalse();
        assertThat(DateStarts.monthPrefix(shape("ja"), 0)).isFalse();
        assertThat(DateStarts.monthPrefix(shape(""), 0)).isFalse();
        assertThat(DateStarts.monthPrefix(shape("\uD835\uDC00jan"), 2)).isTrue();
    }
}
