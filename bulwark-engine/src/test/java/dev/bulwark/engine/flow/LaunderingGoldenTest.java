package dev.bulwark.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case of {@code flow/laundering-cases.json}: a session goes through its steps in order (the intent or a
 * later turn, untrusted text, records, a call that wrote its arguments, a trusted output), then one argument is
 * traced. A value written while known only from untrusted content must never come back trusted from a trusted tool.
 */
class LaunderingGoldenTest {
    record Case(String name, List<Map<String, Object>> steps, Object argument, Set<String> sources,
                boolean untrusted_only) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        try (InputStream in = LaunderingGoldenTest.class.getResourceAsStream("/flow/laundering-cases.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<List<Case>>() {}).stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aWrittenValueIsNeverLaunderedByATrustedReadBack(Case c) {
        SessionFlow flow = new SessionFlow();
        for (Map<String, Object> step : c.steps()) {
            Map.Entry<String, Object> only = step.entrySet().iterator().next();
            switch (only.getKey()) {
                case "intent" -> flow.intent((String) only.getValue());
                case "trusted" -> flow.output(only.getValue(), Set.of(Source.TRUSTED_LABEL));
                case "untrusted" -> flow.output(only.getValue(), Set.of(Source.UNTRUSTED_LABEL));
                case "records" -> flow.output(only.getValue(), Set.of(Source.UNTRUSTED_LABEL), true, Map.of());
                case "written" -> flow.written((Map<String, ?>) only.getValue());
                default -> throw new IllegalArgumentException("unknown step " + only.getKey() + " in " + c.name());
            }
        }

        ArgumentProvenance arg = flow.provenance(Map.of("arg", c.argument()), Set.of("arg")).arguments().get("arg");

        assertThat(arg.sourceNames()).as(c.name()).containsExactlyInAnyOrderElementsOf(c.sources());
        assertThat(arg.untrustedOnly()).as(c.name() + " untrusted_only").isEqualTo(c.untrusted_only());
    }
}
