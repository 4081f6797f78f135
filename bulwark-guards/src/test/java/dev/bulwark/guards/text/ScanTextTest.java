package dev.bulwark.guards.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.text.Invisible;
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

    @Test
    void decodesTheCharacterEscapesAModelReadsAndMapsEachToItsWholeEscape() {
        String original = "a&#64;b &#x40; &commat; \\u0040 %40 \\x40 \\uD83D\\uDE00 &amp;";
        ScanText s = ScanText.of(original);
        assertThat(s.text()).isEqualTo("a@b @ @ @ @ @ \uD83D\uDE00 &");
        int at = s.text().indexOf('@');
        assertThat(original.substring(s.originalStart(at), s.originalEnd(at + 1))).isEqualTo("&#64;");
        int emoji = s.text().indexOf('\uD83D');
        assertThat(original.substring(s.originalStart(emoji), s.originalEnd(emoji + 2))).isEqualTo("\\uD83D\\uDE00");
    }

    @Test
    void leavesMalformedEscapesEncodedBlanksAndControlsAsTheyAre() {
        for (String plain : new String[] {"&#64", "&#;", "&#xZZ;", "&unknown;", "&#0;", "&#xD800;", "&#99999999;",
                "\\u00", "\\uZZZZ", "\\uD800x", "%2", "%20", "%0A", "%7F", "\\x0A", "100% sure", "a & b"}) {
            assertThat(ScanText.of(plain).text()).as(plain).isEqualTo(plain);
        }
    }

    @Test
    void readsDashesOfEveryKindAsHyphensAndDigitsOfEveryScriptAsAsciiDigits() {
        assertThat(ScanText.of("536\u201122\u20138726 \u2212 \uFE63").text()).isEqualTo("536-22-8726 - -");
        assertThat(ScanText.of("\u0664\u0661\u0661 \u096A\u0967 \uFF14").text()).isEqualTo("411 41 4");
    }

    /** Each character's own NFKC form (invisible ones removed, lone surrogates replaced), as the reference. */
    private static String referenceText(String original) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < original.length()) {
            int cp = original.codePointAt(i);
            int n = Character.charCount(cp);
            if (n == 1 && Character.isSurrogate((char) cp)) {
                out.append('\uFFFD');
            } else if (!Invisible.is(cp)) {
                out.append(ScanText.fold(cp));
            }
            i += n;
        }
        return out.toString();
    }

    @Test
    void matchesTheCharacterByCharacterNormalFormOnGeneratedTexts() {
        String[] pieces = {"a", " ", "7", "é", "e\u0301", "’", "“", "\u00A0", "\uFF14", "\uFB01", "\u200B", "\u2060",
                "\uD83D\uDE00", "\uD800", "\uDC00", "ß", "İ", "Å", "\u212B", "\u2126", "中", "ﾊ", "\u0301", "²",
                "\u00AD", "\uFEFF", "\uE000"};
        java.util.Random random = new java.util.Random(5);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String original = b.toString();
            ScanText s = ScanText.of(original);
            assertThat(s.text()).as(original).isEqualTo(referenceText(original));
            for (int i = 0; i < s.text().length(); i++) {
                assertThat(s.originalStart(i)).isBetween(0, original.length() - 1);
                assertThat(s.originalEnd(i + 1)).isGreaterThan(s.originalStart(i)).isLessThanOrEqualTo(original.length());
            }
        }
    }
}
