package dev.bulwark.injection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void containsLooksOnlyInsideTheRange() {
        String text = "abc <!-- x --> def";
        assertThat(Texts.contains(text, 0, text.length(), "<!--")).isTrue();
        assertThat(Texts.contains(text, 0, 6, "<!--")).isFalse();
        assertThat(Texts.contains(text, 5, text.length(), "<!--")).isFalse();
        assertThat(Texts.contains(text, 4, 8, "<!--")).isTrue();
    }
}
