package dev.bulwark.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BoundedLabelsTest {

    @Test
    void keepsTheFirstValuesAndFoldsTheRestIntoOther() {
        BoundedLabels labels = new BoundedLabels(3);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(labels.label("tool." + i));
        }
        assertThat(seen).containsExactlyInAnyOrder("tool.0", "tool.1", "tool.2", "other");
        assertThat(labels.label("tool.1")).isEqualTo("tool.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "other", "tool name with spaces", "crm.get\ncustomer", "crm.{x=\"1\"}", "tööl.x",
            "crm.get_customer\u0000", "<script>"})
    void foldsMalformedValuesIntoOtherWithoutUsingASlot(String hostile) {
        BoundedLabels labels = new BoundedLabels(1);

        assertThat(labels.label(hostile)).isEqualTo("other");
        assertThat(labels.label("crm.ok")).isEqualTo("crm.ok");
    }

    @Test
    void foldsOverlongValues() {
        assertThat(new BoundedLabels(5).label("a".repeat(65))).isEqualTo("other");
        assertThat(new BoundedLabels(5).label("a".repeat(64))).isEqualTo("a".repeat(64));
        assertThat(new BoundedLabels(5).label(null)).isEqualTo("other");
    }

    @Test
    void racingThreadsNeverKeepMoreThanTheCap() {
        BoundedLabels labels = new BoundedLabels(50);
        Set<String> out = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 20_000).parallel().forEach(i -> out.add(labels.label("t." + (i % 5_000))));

        assertThat(labels.size()).isEqualTo(50);
        assertThat(out).hasSize(51).contains("other");
    }

    @Test
    void namesStepsInSnakeCase() {
        assertThat(List.of("ValidateArgumentsStep", "AuditStep", "EgressScreeningStep", "Step", "Weird$1"))
                .map(CallFacts::stepName)
                .containsExactly("validate_arguments", "audit", "egress_screening", "step", "weird_1");
    }
}
