package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordTableTest {
    @Test
    void givesTheBitsOfAKeyAndZeroForAnythingElse() {
        WordTable table = new WordTable(Map.of("paris", 8, "burkina faso", 24, "", 1, "ø", 2, "x", 0));
        assertThat(table.get("paris")).isEqualTo(8);
        assertThat(table.get("burkina faso")).isEqualTo(24);
        assertThat(table.get("")).isEqualTo(1);
        assertThat(table.get("ø")).isEqualTo(2);
        assertThat(table.get("x")).isZero();
        assertThat(table.get("Paris")).isZero();
        assertThat(table.get("pari")).isZero();
        assertThat(table.get("\uD835\uDC00")).isZero();
    }

    @Test
    void looksUpARangeOfALargerArray() {
        WordTable table = new WordTable(Map.of("faso", 4));
        char[] text = "burkina faso!".toCharArray();
        assertThat(table.get(text, 8, 12)).isEqualTo(4);
        assertThat(table.get(text, 8, 12, WordTable.hash(text, 8, 12))).isEqualTo(4);
        assertThat(table.get(text, 7, 12)).isZero();
    }

    @Test
    void agreesWithAHashMapOnManyKeysWithCollidingHashes() {
        Map<String, Integer> keys = new HashMap<>();
        Random random = new Random(5);
        // "Aa" and "BB" share String hash codes, and so do all strings made of them.
        for (int n = 0; n < 5_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(6); i >= 0; i--) {
                b.append(random.nextBoolean() ? "Aa" : "BB");
            }
            keys.put(b.toString(), 1 + random.nextInt(1000));
        }
        WordTable table = new WordTable(keys, 1);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(7); i >= 0; i--) {
                b.append(random.nextBoolean() ? "Aa" : "BB");
            }
            String w = b.toString();
            assertThat(table.get(w)).as(w).isEqualTo(keys.getOrDefault(w, 0));
            char[] c = w.toCharArray();
            if ((keys.getOrDefault(w, 0) & 1) != 0) {
                assertThat(table.mayHold(WordTable.hash(c, 0, c.length))).as(w).isTrue();
            }
        }
    }

    @Test
    void filterRejectsMostWordsWithoutTheFilteredBits() {
        Map<String, Integer> keys = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            keys.put("name" + i, 1);
            keys.put("other" + i, 2);
        }
        WordTable table = new WordTable(keys, 1);
        int passed = 0;
        for (int i = 0; i < 10_000; i++) {
            char[] c = ("word" + i).toCharArray();
            passed += table.mayHold(WordTable.hash(c, 0, c.length)) ? 1 : 0;
        }
        assertThat(passed).isLessThan(500);
    }

    @Test
    void refusesKeysLongerThanASlotCanMeasure() {
        assertThatThrownBy(() -> new WordTable(Map.of("x".repeat(256), 1)))
                .isInstanceOf(IllegalArgumentException.class);
        WordTable table = new WordTable(Map.of("x".repeat(255), 1));
        assertThat(table.get("x".repeat(255))).isEqualTo(1);
        assertThat(table.get("x".repeat(256))).isZero();
        assertThat(table.get("x".repeat(70_000))).isZero();
    }

    @Test
    void refusesMoreCharactersThanASlotCanAddress() {
        Map<String, Integer> keys = new HashMap<>();
        for (int i = 0; i < 0xFFFF; i++) {
            keys.put("w" + i, 1);
        }
        assertThatThrownBy(() -> new WordTable(keys)).isInstanceOf(IllegalArgumentException.class);
    }
}
