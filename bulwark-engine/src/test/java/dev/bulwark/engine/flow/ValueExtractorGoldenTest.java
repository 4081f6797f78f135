package dev.bulwark.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every case of {@code flow/extraction-cases.json}: keys that must be found, and keys that must not. */
class ValueExtractorGoldenTest {
    record Case(String name, String text, List<String> present, List<String> absent, Map<String, String> kinds) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        try (InputStream in = ValueExtractorGoldenTest.class.getResourceAsStream("/flow/extraction-cases.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<List<Case>>() {}).stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void extractsLikeTheGoldenCase(Case c) {
        List<FlowValue> values = new ValueExtractor().fromText(c.text(), true).values();
        Set<String> keys = values.stream().flatMap(v -> v.keys().stream()).collect(Collectors.toSet());

        assertThat(keys).as(c.name()).containsAll(c.present());
        for (String absent : c.absent()) {
            assertThat(keys).as(c.name()).doesNotContain(absent);
        }
        if (c.kinds() != null) {
            c.kinds().forEach((key, kind) -> assertThat(values)
                    .filteredOn(v -> v.keys().contains(key))
                    .extracting(v -> v.kind().contextName())
                    .as(c.name() + " kind of " + key)
                    .containsExactly(kind));
        }
    }

    @Test
    void thereAreAtLeastTwentyCases() throws IOException {
        assertThat(cases().count()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void jsonTreesYieldTheirStringsNumbersAndWholeStringsButNotKeys() {
        Object tree = Map.of("recipient", "DE89370400440532013000", "amount", 12.5,
                "meta", List.of(Map.of("secret-key-name@example.com", "Lunch at Noon")));

        Set<String> keys = new ValueExtractor().fromTree(tree, false).values().stream()
                .flatMap(v -> v.keys().stream()).collect(Collectors.toSet());

        assertThat(keys).contains("id:DE89370400440532013000", "num:12.5", "text:lunch at noon");
        assertThat(keys).noneMatch(k -> k.contains("secret-key-name"));
    }
}
