package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AddressStopWordsTest {

    private static boolean expected(String word) {
        return WordLists.shared().stopWords.contains(word.toLowerCase(Locale.ROOT));
    }

    @Test
    void everyStopWordInAnyAsciiCaseIsFound() {
        for (String w : WordLists.shared().stopWords) {
            if (w.isEmpty() || !Character.isLetter(w.charAt(0)) || !w.chars().allMatch(c -> c < 0x80)) {
                continue;
            }
            for (String form : new String[] {w, w.toUpperCase(Locale.ROOT), "x" + w.substring(1)}) {
                String text = " " + form + " ";
                assertThat(AddressRecognizer.asciiStopWord(text, 1, 1 + form.length())).as(form)
                        .isEqualTo(expected(form));
            }
        }
    }

    @Test
    void agreesWithTheStopWordSetOnGeneratedWords() {
        Random random = new Random(69);
        String letters = "aeiouthnsrdlAEIOUTHNSRDL'.0_";
        int found = 0;
        for (int n = 0; n < 100_000; n++) {
            StringBuilder word = new StringBuilder();
            word.append(letters.charAt(random.nextInt(24)));
            for (int k = random.nextInt(6); k > 0; k--) {
                word.append(letters.charAt(random.nextInt(letters.length())));
            }
            String w = word.toString();
            boolean expected = expected(w);
            found += expected ? 1 : 0;
            assertThat(AddressRecognizer.asciiStopWord(w, 0, w.length())).as(w).isEqualTo(expected);
        }
        assertThat(found).isGreaterThan(500);
    }
}
