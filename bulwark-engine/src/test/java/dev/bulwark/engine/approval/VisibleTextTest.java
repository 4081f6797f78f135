package dev.bulwark.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VisibleTextTest {
    @Test
    void ordinaryTextInAnyScriptIsShownAsItIs() {
        for (String text : List.of("call back tomorrow", "Grüße, Zoë", "مرحبا بالعالم", "שלום", "東京都 😀",
                "two\nlines\tand a tab", "")) {
            assertThat(VisibleText.of(text)).isSameAs(text);
        }
    }

    @Test
    void directionOverridesZeroWidthAndTagCharactersBecomeMarks() {
        assertThat(VisibleText.of("pay \u202Eevil\u202C")).isEqualTo("pay [U+202E]evil[U+202C]");
        assertThat(VisibleText.of("12\u200B34\u200D\uFEFF\u00AD")).isEqualTo("12[U+200B]34[U+200D][U+FEFF][U+00AD]");
        assertThat(VisibleText.of("\u2066a\u2069\u061C")).isEqualTo("[U+2066]a[U+2069][U+061C]");
        assertThat(VisibleText.of("ok\uDB40\uDC41\uDB40\uDC7F")).isEqualTo("ok[U+E0041][U+E007F]");
    }

    @Test
    void controlCharactersLoneSurrogatesAndUnassignedCodePointsBecomeMarks() {
        assertThat(VisibleText.of("a\u0000b\u001Bc\u007F\u0085")).isEqualTo("a[U+0000]b[U+001B]c[U+007F][U+0085]");
        assertThat(VisibleText.of("x\uD800y")).isEqualTo("x[U+D800]y");
        assertThat(VisibleText.of("\uFFFF")).isEqualTo("[U+FFFF]");
    }

    @Test
    void keysAndNestedValuesAreShownVisiblyAndOtherValuesUnchanged() {
        Map<String, Object> args = new java.util.LinkedHashMap<>();
        args.put("to\u200B", List.of("a\u202Eb", 1, true));
        args.put("n", Map.of("k", "v\u2060"));
        args.put("nothing", null);
        assertThat(VisibleText.ofArguments(args)).isEqualTo(new java.util.LinkedHashMap<>(Map.of(
                "to[U+200B]", List.of("a[U+202E]b", 1, true), "n", Map.of("k", "v[U+2060]")))
                {{ put("nothing", null); }});
    }
}
