package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreetNamesTest {

    private static boolean before(String text) {
        return StreetNames.beforeNumber(TextShape.of(text));
    }

    @Test
    void findsAStreetNameBeforeSomeNumber() {
        assertThat(before("wohnt in der Hauptstraße 5, Berlin")).isTrue();
        assertThat(before("Erzsébet tér 19")).isTrue();
        assertThat(before("Karl-Marx-Allee 12")).isTrue();
        assertThat(before("Wesselényi u. 94")).isTrue();
        assertThat(before("Mannerheimintie 4")).isTrue();
    }

    @Test
    void findsNoStreetNameWhereNoneIsBeforeANumber() {
        assertThat(before("I bought 3 apples in Hauptstrasse")).isFalse();
        assertThat(before("he is a Doctor 5 years")).isFalse();
        // A lower-case word with a street ending is only a name as a street word after another word.
        assertThat(before("the pathweg 7")).isFalse();
        assertThat(before("Hauptstrasse5")).isFalse();
        assertThat(before("Λεωφόρος Αμαλίας 12")).isFalse();
    }

    @Test
    void emptyHugeAndOddTexts() {
        assertThat(before("")).isFalse();
        assertThat(before("12")).isFalse();
        assertThat(before("x ".repeat(50_000) + "Ringstrasse 1")).isTrue();
        assertThat(before("Ring\u0301strasse\u0301 1")).isTrue();
        assertThat(before("\uD835\uDC00strasse 1")).isFalse();
        assertThat(before("Dıyarbakırgasse 1")).isTrue();
    }

    @Test
    void namesEndingInAnotherScriptFoldOutsideAscii() {
        assertThat(StreetNames.foldsOutsideAscii("Αμαλίας", 0, 7)).isTrue();
        assertThat(StreetNames.foldsOutsideAscii("улица\u0301", 0, 6)).isTrue();
        assertThat(StreetNames.foldsOutsideAscii("Straße", 0, 6)).isFalse();
        assertThat(StreetNames.foldsOutsideAscii("Οδός.", 0, 5)).isFalse();
        assertThat(StreetNames.foldsOutsideAscii("\u0301", 0, 1)).isFalse();
        assertThat(StreetNames.foldsOutsideAscii("", 0, 0)).isFalse();
    }

    /** The reason {@link StreetNames#foldsOutsideAscii} may skip a name, checked on every letter of the BMP. */
    @Test
    void everyLetterOfAnotherScriptFoldsToSomethingEndingOutsideAscii() {
        for (char c = 0x80; c < 0xFFFF; c++) {
            String name = "x" + c;
            if (Character.isSurrogate(c) || !StreetNames.foldsOutsideAscii(name, 0, 2)) {
                continue;
            }
            for (String s : new String[] {name, name + "\u0301", name + "\u0308\u0301", "Σ" + c}) {
                String folded = WordLists.fold(s);
                assertThat(folded).as("U+%04X", (int) c).isNotEmpty();
                assertThat(folded.charAt(folded.length() - 1)).as("U+%04X", (int) c).isGreaterThanOrEqualTo('\u0080');
            }
        }
    }
}
