package dev.bulwark.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordFieldsTest {

    @Test
    void splitsShortStandaloneValuesFromProseAndKeys() {
        RecordFields.Split split = RecordFields.split(
                "- sender: Bob\n  amount: 12.5\n  body: I read an interesting article and you should all read it too\n",
                1000, 100_000);

        assertThat(split).isNotNull();
        assertThat(split.fields()).containsExactlyInAnyOrder("Bob", 12.5);
        assertThat(split.text()).contains("sender", "amount", "body",
                "I read an interesting article and you should all read it too");
    }

    @Test
    void aMultiLineOrLongValueIsProse() {
        assertThat(RecordFields.field("two\nlines")).isFalse();
        assertThat(RecordFields.field("x".repeat(RecordFields.MAX_FIELD_CHARS + 1))).isFalse();
        assertThat(RecordFields.field("one two three four five six seven")).isFalse();
        assertThat(RecordFields.field("  External_0 ")).isTrue();
    }

    @Test
    void proseOrAScalarIsNotRecords() {
        assertThat(RecordFields.split("Dear tenant, the rent goes up.", 1000, 100_000)).isNull();
        assertThat(RecordFields.split("42", 1000, 100_000)).isNull();
        assertThat(RecordFields.split("{not json", 1000, 100_000)).isNull();
        assertThat(RecordFields.split("", 1000, 100_000)).isNull();
    }

    @Test
    void anAliasBombIsNotExpanded() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char prev = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev)
                    .append(", *").append(prev).append(", *").append(prev).append("]\n");
        }
        // aliases are read as their names (or refused), never expanded: ten levels of four would be a million leaves
        RecordFields.Split split = RecordFields.split(yaml.toString(), 10_000, 100_000);
        assertThat(split == null ? 0 : split.fields().size() + split.text().size()).isLessThan(100);
    }

    @Test
    void recordsBeyondTheNodeOrCharacterBudgetAreReadAsText() {
        String many = "[" + "1,".repeat(2000) + "1]";
        assertThat(RecordFields.split(many, 100, 100_000)).isNull();
        assertThat(RecordFields.split(List.of("x".repeat(50), "y".repeat(50)), 100, 60)).isNull();
    }

    @Test
    void anAlreadyParsedTreeIsSplitToo() {
        RecordFields.Split split = RecordFields.split(Map.of("users", List.of("Alice", "Bob")), 100, 1000);

        assertThat(split.fields()).containsExactlyInAnyOrder("Alice", "Bob");
        assertThat(split.text()).containsExactly("users");
    }

    @Test
    void fieldsAndSingleTokensAreJudgedAsSplittingOnWhitespaceJudgedThem() {
        char[] alphabet = {'a', 'b', ' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u2003', '\u001C', ','};
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(random.nextInt(10) == 0 ? 140 : 16);
            for (int i = 0; i < length; i++) {
                b.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = b.toString();
            String t = s.strip();
            boolean field = !t.isEmpty() && t.length() <= RecordFields.MAX_FIELD_CHARS && t.indexOf('\n') < 0
                    && t.indexOf('\r') < 0 && t.split("\\s+").length <= RecordFields.MAX_FIELD_WORDS;
            assertThat(RecordFields.field(s)).as("field '%s'", s).isEqualTo(field);
            assertThat(RecordFields.singleToken(s)).as("single token '%s'", s)
                    .isEqualTo(s.strip().split("\\s+").length == 1);
        }
    }
}
