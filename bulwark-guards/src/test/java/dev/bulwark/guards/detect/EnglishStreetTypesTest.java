package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
    void listsTheAlternativesInThePatternsOrder() {
        assertThat(EnglishStreetTypes.alternatives("(?:(?:Street|Avenue|Square)s?|(?:St|Ave|Terr?)\\.?)"))
                .containsExactly(List.of("Street", "Avenue", "Square"), List.of("St", "Ave", "Terr", "Ter"));
    }
}
