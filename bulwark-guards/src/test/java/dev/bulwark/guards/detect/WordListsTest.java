package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordListsTest {
    private final WordLists words = WordLists.shared();

    @Test
    void kindsOfNameTheSetsHoldingTheWordAndNoOther() {
        for (String w : new String[] {"maria", "smith", "the", "paris", "france", "burkina faso", "zzqxv", ""}) {
            int expected = (words.firstNames.contains(w) ? WordLists.FIRST_NAME : 0)
                    | (words.surnames.contains(w) ? WordLists.SURNAME : 0)
                    | (words.stopWords.contains(w) ? WordLists.STOP_WORD : 0)
                    | (words.places.contains(w) ? WordLists.PLACE : 0)
                    | (words.countries.contains(w) ? WordLists.COUNTRY : 0)
                    | (words.groups.contains(w) ? WordLists.GROUP : 0);
            assertThat(words.kindsOf(w)).as(w).isEqualTo(expected);
        }
        assertThat(words.kindsOf("france") & WordLists.COUNTRY).isNotZero();
        assertThat(words.kindsOf("burkina faso") & WordLists.PLACE).isNotZero();
        assertThat(words.kindsOf("zzqxv")).isZero();
    }

    @Test
    void kindsOfMatchesExactStringsOnly() {
        assertThat(words.kindsOf("France")).isZero();
        assertThat(words.kindsOf("france ")).isZero();
    }

    @Test
    void tokensCarryTheKindsOfTheirFoldedWord() {
        var tokens = WordTokens.of("Maria went to FRANCE and Zzqxv", ProperNounCues.table(words));
        assertThat(tokens.in(0, WordLists.FIRST_NAME)).isTrue();
        assertThat(tokens.bits(1) & ProperNounCues.KINDS).isEqualTo(words.kindsOf("went"));
        assertThat(tokens.in(3, WordLists.COUNTRY)).isTrue();
        assertThat(tokens.in(3, WordLists.FIRST_NAME | WordLists.COUNTRY)).isTrue();
        assertThat(tokens.bits(5)).isZero();
    }
}
