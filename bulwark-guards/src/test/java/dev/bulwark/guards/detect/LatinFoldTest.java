package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LatinFoldTest {

    private static String fold(String word) {
        return LatinFold.fold(word, 0, word.length());
    }

    @Test
    void foldsAccentedLatinWordsAsWordListsDoes() {
        assertThat(fold("Straße")).isEqualTo("strasse");
        assertThat(fold("Vägen")).isEqualTo("vagen");
        assertThat(fold("Erzse\u0301bet")).isEqualTo("erzsebet");
        assertThat(fold("Dıyarbakır")).isEqualTo("diyarbakir");
        assertThat(fold("İzmir")).isEqualTo(WordLists.fold("İzmir"));
        assertThat(LatinFold.fold("xÅsgatan.", 1, 8)).isEqualTo("asgatan");
    }

    @Test
    void wordsWithOtherCharactersFoldTheSlowWay() {
        assertThat(fold("Αμαλίας")).isEqualTo(WordLists.fold("Αμαλίας"));
        assertThat(fold("улица\u0301")).isEqualTo(WordLists.fold("улица\u0301"));
        assertThat(fold("\uD835\uDC00b")).isEqualTo(WordLists.fold("\uD835\uDC00b"));
        assertThat(fold("Ｒing")).isEqualTo(WordLists.fold("Ｒing"));
        assertThat(fold("")).isEmpty();
    }

    @Test
    void agreesWithWordListsOnGeneratedWords() {
        Random random = new Random(47);
        String extra = "'’\uD835\uDC00\u0370Σσς\u1E9E\u212A\u2019\u0130\u0131\u05D0\u202B\uFF21";
        for (int n = 0; n < 40_000; n++) {
            StringBuilder word = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                int pick = random.nextInt(10);
                if (pick < 4) {
                    word.append((char) ('A' + random.nextInt(58)));
                } else if (pick < 7) {
                    word.append((char) (0x80 + random.nextInt(0x370 - 0x80)));
                } else if (pick < 9) {
                    word.append((char) (0x300 + random.nextInt(0x70)));
                } else {
                    word.append(extra.charAt(random.nextInt(extra.length())));
                }
            }
            String w = word.toString();
            assertThat(fold(w)).as("%s", w).isEqualTo(WordLists.fold(w));
        }
        for (char c = 0; c < 0x400; c++) {
            String w = "a" + c + "b" + c;
            assertThat(fold(w)).as("U+%04X", (int) c).isEqualTo(WordLists.fold(w));
        }
    }
}
