package dev.bulwark.guards.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScanTextTest {

    @Test
    void asciiTextIsUsedAsIs() {
        ScanText s = ScanText.of("abc def", 4, 7);
        assertThat(s.text()).isEqualTo("def");
        assertThat(s.originalStart(0)).isEqualTo(4);
        assertThat(s.originalEnd(3)).isEqualTo(7);
    }

    @Test
    void removesZeroWidthCharactersButMapsSpansToTheOriginal() {
        String original = "x jo\u200bhn@ex\u2060ample.com y";
        ScanText s = ScanText.of(original);
        assertThat(s.text()).isEqualTo("x john@example.com y");
        int start = s.text().indexOf("john");
        int end = s.text().indexOf(" y");
        assertThat(original.substring(s.originalStart(start), s.originalEnd(end))).isEqualTo("jo\u200bhn@ex\u2060ample.com");
    }

    @Test
    void normalisesCompatibilityFormsWithNfkc() {
        ScanText s = ScanText.of("\uff14\uff11\uff11\uff11 \ufb01le");
        assertThat(s.text()).isEqualTo("4111 file");
        assertThat(s.originalEnd(s.text().length())).isEqualTo(8);
        assertThat(s.originalStart(6)).isEqualTo(5);
    }

    @Test
    void replacesLoneSurrogatesAndKeepsPairs() {
        String original = "a\ud800b\udc00c\ud83d\ude00d";
        ScanText s = ScanText.of(original);
        assertThat(s.text()).isEqualTo("a\ufffdb\ufffdc\ud83d\ude00d");
        assertThat(s.originalStart(s.text().indexOf('d'))).isEqualTo(original.indexOf('d'));
    }

    @Test
    void dropsTagCharactersUsedToHideText() {
        String hidden = "ok" + new String(Character.toChars(0xE0041)) + new String(Character.toChars(0xE0042)) + "!";
        assertThat(ScanText.of(hidden).text()).isEqualTo("ok!");
    }
}
