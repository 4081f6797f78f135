package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigitNfaTest {

    @Test
    void boundedRepeatsOfAlternationsBuildAFiniteAutomaton() {
        DigitPattern p = DigitNfa.compileOrNull("(?:[2-9]|1[0-2]){2,17}");
        assertThat(p.matches("2".repeat(17))).isTrue();
        assertThat(p.matches("2".repeat(18))).isFalse();
        assertThat(p.matches("1011")).isTrue();
        assertThat(p.matches("13")).isFalse();
    }

    @Test
    void capturingGroupsAndEmptyBranchesReadAsTheirLanguage() {
        DigitPattern p = DigitNfa.compileOrNull("(1|)2(?:)");
        assertThat(p.matches("12")).isTrue();
        assertThat(p.matches("2")).isTrue();
        assertThat(p.matches("112")).isFalse();
    }

    @Test
    void unbalancedOrUnknownSyntaxIsRefused() {
        assertThat(DigitNfa.compileOrNull("(1")).isNull();
        assertThat(DigitNfa.compileOrNull("1)")).isNull();
        assertThat(DigitNfa.compileOrNull("[1")).isNull();
        assertThat(DigitNfa.compileOrNull("1{2")).isNull();
        assertThat(DigitNfa.compileOrNull("1{3,2}")).isNull();
        assertThat(DigitNfa.compileOrNull("(?<n>1)")).isNull();
        assertThat(DigitNfa.compileOrNull("\\u0031")).isNull();
    }

    @Test
    void emptyPatternAcceptsOnlyTheEmptyText() {
        DigitPattern p = DigitNfa.compileOrNull("");
        assertThat(p.matches("")).isTrue();
        assertThat(p.matches("1")).isFalse();
        assertThat(p.matchesPrefix("1")).isTrue();
    }
}
