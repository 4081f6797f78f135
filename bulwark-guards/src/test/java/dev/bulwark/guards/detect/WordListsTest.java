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
        var tokens = WordToken.of("Maria went to FRANCE and Zzqxv");
        assertThat(tokens.get(0).in(WordLists.FIRST_NAME)).isTrue();
        assertThat(tokens.get(1).kinds()).isEqualTo(words.kindsOf("went"));
        assertThat(tokens.get(3).in(WordLists.COUNTRY)).isTrue();
        assertThat(tokens.get(3).in(WordLists.FIRST_NAME | WordLists.COUNTRY)).isTrue();
        assertThat(tokens.get(5).kinds()).isZero();
    }
}
