package dev.bulwark.engine.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.JsonTrees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyPatternRedactorTest {
    private final KeyPatternRedactor redactor = new KeyPatternRedactor();

    @Test
    void leavesTheInputUnchanged() {
        Map<String, Object> input = new HashMap<>(Map.of("password", "pw", "nested", new HashMap<>(Map.of("token", "t"))));

        redactor.redact(input);

        assertThat(input).containsEntry("password", "pw");
        assertThat(((Map<?, ?>) input.get("nested")).get("token")).isEqualTo("t");
    }

    @Test
    void returnsAnImmutableTreeTheAuditRecordAccepts() {
        Map<String, Object> out = redactor.redact(Map.of("a", List.of(Map.of("b", 1.5)), "c", new java.util.Date(),
                "d", Double.NaN));

        assertThat(JsonTrees.copyObject(out)).isEqualTo(out);
        assertThat(out).containsEntry("c", "[UNSUPPORTED:Date]").containsEntry("d", "NaN");
        assertThatThrownBy(() -> out.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void stopsAtACycle() {
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);

        Map<String, Object> out = redactor.redact(cyclic);

        assertThat(out).containsKey("self");
    }

    @Test
    void boundsTheNumberOfValuesItCopies() {
        Map<String, Object> wide = new LinkedHashMap<>();
        List<Object> long_ = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            wide.put("k" + i, i);
            long_.add(i);
        }

        Map<String, Object> outWide = redactor.redact(wide);
        Map<String, Object> outLong = redactor.redact(Map.of("items", long_));

        assertThat(outWide).hasSize(KeyPatternRedactor.MAX_VALUES + 1)
                .containsEntry("…", "[TRUNCATED: 3000 more entries]");
        List<?> items = (List<?>) outLong.get("items");
        assertThat(items).hasSize(KeyPatternRedactor.MAX_VALUES);
        assertThat(items.get(items.size() - 1)).isEqualTo("[TRUNCATED: 3001 more items]");
    }

    @Test
    void givesEqualLongValuesEqualMarkersAndDifferentOnesDifferentMarkers() {
        String a = "x".repeat(1000);
        String b = "x".repeat(999) + "y";

        Map<String, Object> out = redactor.redact(Map.of("a", a, "a2", a, "b", b));

        assertThat(out.get("a")).isEqualTo(out.get("a2")).isNotEqualTo(out.get("b"));
    }

    @Test
    void redactsFreeText() {
        assertThat(redactor.redactText("token ghp_1234567890abcdefghijABCDEFGHIJ123456")).isEqualTo("[REDACTED:github-token]");
        assertThat(redactor.redactText("hello")).isEqualTo("hello");
        assertThat(redactor.redact(null)).isEmpty();
    }
}
