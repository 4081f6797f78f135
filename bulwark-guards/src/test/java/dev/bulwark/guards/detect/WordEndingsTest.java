package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordEndingsTest {
    private final WordEndings endings = new WordEndings(List.of("ov", "ova", "sky", "ness", "ø"));

    @Test
    void findsAnEndingAfterAtLeastTwoLetters() {
        assertThat(endings.endsOne("ivanov")).isTrue();
        assertThat(endings.endsOne("petrova")).isTrue();
        assertThat(endings.endsOne("kindness")).isTrue();
        assertThat(endings.endsOne("brøø")).isTrue();
    }

    @Test
    void needsTwoLettersBeforeTheEnding() {
        assertThat(endings.endsOne("nov")).isFalse();
        assertThat(endings.endsOne("ov")).isFalse();
        assertThat(endings.endsOne("ness")).isFalse();
    }

    @Test
    void rejectsOtherEndingsAndEmptyOrUnusualWords() {
        assertThat(endings.endsOne("smith")).isFalse();
        assertThat(endings.endsOne("ivanovs")).isFalse();
        assertThat(endings.endsOne("")).isFalse();
        assertThat(endings.endsOne("日本語")).isFalse();
        assertThat(endings.endsOne("abc\uFFFF")).isFalse();
    }

    @Test
    void agreesWithAPlainScanOfEveryListedEnding() {
        List<String> list = ProperNounCues.ENGLISH_ENDINGS;
        WordEndings english = new WordEndings(list);
        for (String w : List.of("quickly", "ly", "fly", "happiness", "statement", "nation", "ed", "bed", "walked",
                "wise", "otherwise", "paris", "ivanov", "carefully", "ies", "cookies")) {
            boolean plain = list.stream().anyMatch(e -> w.length() >= e.length() + 2 && w.endsWith(e));
            assertThat(english.endsOne(w)).as(w).isEqualTo(plain);
        }
    }

    @Test
    void readsARangeOfACharacterArrayAsTheStringForm() {
        WordEndings names = new WordEndings(ProperNounCues.NAME_ENDINGS);
        String alphabet = "ovaeskyiwczhntǿ日";
        java.util.Random random = new java.util.Random(9);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(9); i > 0; i--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String w = b.toString();
            char[] padded = ("#" + w + "#").toCharArray();
            assertThat(names.endsOne(padded, 1, 1 + w.length())).as(w)
                    .isEqualTo(plainScan(ProperNounCues.NAME_ENDINGS, w));
            assertThat(endings.endsOne(padded, 1, 1 + w.length())).as(w)
                    .isEqualTo(plainScan(List.of("ov", "ova", "sky", "ness", "ø"), w));
        }
        assertThat(endings.endsOne(new char[0], 0, 0)).isFalse();
    }

    @Test
    void rejectsByTheLastLettersAsTheFullComparisonWould() {
        List<List<String>> lists = List.of(ProperNounCues.ENGLISH_ENDINGS, ProperNounCues.NAME_ENDINGS,
                List.of("x", "ly", "ness"), List.of("z"));
        String alphabet = "lynesxzoviAZ1-'é ";
        java.util.Random random = new java.util.Random(31);
        for (List<String> list : lists) {
            WordEndings set = new WordEndings(list);
            for (int n = 0; n < 30_000; n++) {
                StringBuilder b = new StringBuilder();
                for (int i = random.nextInt(8); i > 0; i--) {
                    b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String w = b.toString();
                char[] padded = ("z" + w + "x").toCharArray();
                assertThat(set.endsOne(padded, 1, 1 + w.length())).as(list + " " + w).isEqualTo(plainScan(list, w));
            }
        }
        assertThat(new WordEndings(List.of("x")).endsOne("a1x")).isTrue();
        assertThat(new WordEndings(List.of("x")).endsOne("1x")).isFalse();
    }

    @Test
    void refusesAnEmptyEnding() {
        assertThatThrownBy(() -> new WordEndings(List.of("ov", ""))).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean plainScan(List<String> list, String w) {
        return list.stream().anyMatch(e -> w.length() >= e.length() + 2 && w.endsWith(e));
    }
}
