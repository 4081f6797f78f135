package dev.bulwark.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnchorIndexTest {

    /** The index's answer must be exactly {@code contains}, anchor by anchor. */
    private static void assertSameAsContains(String[] anchors, String text) {
        boolean[] present = new AnchorIndex(anchors).present(text);
        for (int id = 0; id < anchors.length; id++) {
            assertThat(present[id]).as("'%s' in '%s'", anchors[id], text).isEqualTo(text.contains(anchors[id]));
        }
    }

    @Test
    void findsAnchorsAtTheStartTheEndOverlappingAndRepeated() {
        String[] anchors = {"ignor", "ig", "aa", "aaa", "you must", "!!", "<|", "s"};
        for (String text : List.of("", "i", "ig", "ignor", "please IGNORE", "ignore", "xxignor", "aaaa", "aa",
                "!!!", "<|im_start|>", "you  must", "you must", "ab", "s", "end with ig")) {
            assertSameAsContains(anchors, text);
        }
    }

    @Test
    void findsNonAsciiAnchorsAndIgnoresLookAlikes() {
        String[] anchors = {"игнор", "无视", "é!", "ab", "\uD83D\uDE00x", "ß"};
        for (String text : List.of("игнорируй", "игно", "请无视之前", "无", "cafe\u0301!", "café!", "ａｂ", "ab",
                "\uD83D\uDE00x", "\uD83D\uDE00", "\uDE00x", "straße", "strasse", "\uD800")) {
            assertSameAsContains(anchors, text);
        }
    }

    @Test
    void emptyAndOneCharacterAnchorsAreFoundLikeContains() {
        String[] anchors = {"", "x", "é", "xy"};
        for (String text : List.of("", "x", "yx", "é", "e\u0301", "xy")) {
            assertSameAsContains(anchors, text);
        }
    }

    @Test
    void theDetectorsOwnAnchorsAgreeWithContainsOnRandomText() throws Exception {
        HeuristicInjectionDetector detector = new HeuristicInjectionDetector(DetectionSettings.defaults());
        Field rulesField = HeuristicInjectionDetector.class.getDeclaredField("rules");
        rulesField.setAccessible(true);
        Field anchorsField = CompiledRules.class.getDeclaredField("anchors");
        anchorsField.setAccessible(true);
        String[] anchors = (String[]) anchorsField.get(rulesField.get(detector));
        Random random = new Random(12);
        String alphabet = "abcdefghijklmnopqrstuvwxyz !<|.:'\"йи无\uD83D\uDE00";
        List<String> texts = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(8);
            for (int p = 0; p < parts; p++) {
                if (random.nextBoolean()) {
                    String anchor = anchors[random.nextInt(anchors.length)];
                    text.append(anchor, 0, 1 + random.nextInt(anchor.length())); // whole or cut short
                } else {
                    for (int c = random.nextInt(6); c > 0; c--) {
                        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            assertSameAsContains(anchors, text);
        }
    }
}
