package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordListsCommonTest {
    private final WordLists words = WordLists.shared();

    @Test
    void ordinaryEnglishWordsAreCommon() {
        assertThat(words.common("center")).isTrue();
        assertThat(words.common("waiting")).isTrue();
        assertThat(words.common("sign-on")).isTrue();
        assertThat(words.common("follow-up")).isTrue();
    }

    @Test
    void listedNamesPlacesAndStopWordsAreNeverCommon() {
        // "grace", "young" and "paris" are English words too, but listed names and places are asked first.
        assertThat(words.common("grace")).isFalse();
        assertThat(words.common("young")).isFalse();
        assertThat(words.common("paris")).isFalse();
        assertThat(words.common("the")).isFalse();
        assertThat(words.common("melanie")).isFalse();
        assertThat(words.common("on-on")).isFalse();
        assertThat(words.common("")).isFalse();
    }
}
