package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.policy.Obligation;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decision cases as data: {@code decisions/<case>/{policies.cedar, request.json, expected.json}}. Each case is
 * decided sliced and unsliced; both must match the expectation.
 */
class GoldenDecisionTest {

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path root = Path.of(GoldenDecisionTest.class.getResource("/decisions").toURI());
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsExpected(Path caseDir) throws IOException {
        CedarPolicyEngine engine = CedarPolicyEngine.load(caseDir);
        DecisionRequest request = Requests.fromJson(caseDir.resolve("request.json"));
        JsonNode expected = Requests.JSON.readTree(caseDir.resolve("expected.json").toFile());

        for (Decision decision : List.of(engine.decide(request), engine.decideUnsliced(request))) {
            assertThat(decision.allowed()).as("allowed").isEqualTo("allow".equals(expected.path("decision").asText()));
            assertThat(decision.policyIds()).as("policy ids").containsExactlyElementsOf(strings(expected.path("policyIds")));
            if (decision instanceof Decision.Allow allow) {
                List<Obligation> obligations = new ArrayList<>();
                expected.path("obligations").forEach(o -> obligations.add(new Obligation(o.path("name").asText(),
                        o.path("value").asText(), o.path("policyId").asText())));
                assertThat(allow.obligations()).as("obligations").containsExactlyInAnyOrderElementsOf(obligations);
            } else if (decision instanceof Decision.Deny deny) {
                assertThat(deny.errors().isEmpty()).as("no errors: " + deny.errors())
                        .isEqualTo(!expected.path("errors").asBoolean(false));
                for (JsonNode fragment : expected.path("reasonContains")) {
                    assertThat(deny.reason()).contains(fragment.asText());
                }
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
