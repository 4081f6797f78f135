package dev.bulwark.engine.writes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rule evaluation as data: rules, arguments, expected outcome (and modified arguments or reason). */
class WriteRulesGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    record Case(String name, List<RuleSpec> rules, Map<String, Object> arguments, String expect,
                Map<String, Object> after, String reason) {}

    static Stream<Arguments> cases() throws Exception {
        try (InputStream in = WriteRulesGoldenTest.class.getResourceAsStream("/writes/golden.json")) {
            List<Case> cases = JSON.readValue(in, new TypeReference<>() {});
            return cases.stream().map(c -> Arguments.of(c.name(), c));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluatesAsRecorded(String name, Case c) {
        WriteRules rules = new WriteRules(List.of(new ToolRules("pay.send",
                c.rules().stream().map(RuleSpec::toRule).toList())), new InMemoryUsageCounters());
        Map<String, Object> arguments = expand(c.arguments());
        WriteVerdict verdict = rules.evaluate(new WriteSubject("pay.send", "agent-1", "user-1", "s-1"), arguments,
                Instant.parse("2026-01-01T00:00:00Z"));
        switch (c.expect()) {
            case "allow" -> assertThat(verdict).isInstanceOf(WriteVerdict.Allow.class);
            case "deny" -> {
                assertThat(verdict).isInstanceOf(WriteVerdict.Deny.class);
                if (c.reason() != null) {
                    assertThat(((WriteVerdict.Deny) verdict).reason()).contains(c.reason());
                }
            }
            case "modify" -> {
                assertThat(verdict).isInstanceOf(WriteVerdict.Modify.class);
                assertThat(normalise(((WriteVerdict.Modify) verdict).arguments())).isEqualTo(normalise(c.after()));
                assertThat(((WriteVerdict.Modify) verdict).changes()).isNotEmpty();
            }
            case "escalate" -> {
                assertThat(verdict).isInstanceOf(WriteVerdict.Escalate.class);
                WriteVerdict.Escalate e = (WriteVerdict.Escalate) verdict;
                if (c.reason() != null) {
                    assertThat(String.join(";", e.reasons())).contains(c.reason());
                }
                if (c.after() != null) {
                    assertThat(normalise(e.arguments())).isEqualTo(normalise(c.after()));
                }
            }
            default -> throw new IllegalArgumentException("unknown expectation " + c.expect());
        }
    }

    /** {@code HUGE_LOCAL} stands for a 3000-character local part, too long to keep in the data file. */
    private static Map<String, Object> expand(Map<String, Object> arguments) {
        try {
            String text = JSON.writeValueAsString(arguments).replace("HUGE_LOCAL", "a".repeat(3000));
            return JSON.readValue(text, new TypeReference<>() {});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares numbers by value whatever their Java type. */
    private static Object normalise(Object tree) {
        try {
            return new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(tree));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
