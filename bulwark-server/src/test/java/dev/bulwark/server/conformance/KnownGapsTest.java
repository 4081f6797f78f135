package dev.bulwark.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The known-gaps rule without Node: regressions fail, fixed gaps must be removed, the list names real scenarios. */
class KnownGapsTest {
    private static final Set<String> SCENARIOS = Set.of("ping", "tools-list");
    private static final ScenarioResult PASS_PING = new ScenarioResult("ping", true, 1, 0, 0);
    private static final ScenarioResult FAIL_PING = new ScenarioResult("ping", true, 0, 1, 0);
    private static final ScenarioResult PASS_LIST = new ScenarioResult("tools-list", true, 1, 0, 2);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("all pass, nothing listed", List.<String>of(), Map.of("ping", PASS_PING),
                        Map.of("ping", PASS_PING), List.<String>of()),
                Arguments.of("regression not listed", List.<String>of(), Map.of("ping", PASS_PING),
                        Map.of("ping", FAIL_PING), List.of("ping: passes directly but fails through the gateway")),
                Arguments.of("listed gap still failing", List.of("ping not yet"), Map.of("ping", PASS_PING),
                        Map.of("ping", FAIL_PING), List.<String>of()),
                Arguments.of("listed gap now passing", List.of("ping not yet"), Map.of("ping", PASS_PING),
                        Map.of("ping", PASS_PING), List.of("ping: now passes through the gateway; remove it")),
                Arguments.of("no result through the gateway", List.<String>of(), Map.of("ping", PASS_PING),
                        Map.of(), List.of("ping: passes directly but fails through the gateway (FAIL (no result))")),
                Arguments.of("direct failure is a broken harness", List.of("ping not yet"), Map.of("ping", FAIL_PING),
                        Map.of("ping", FAIL_PING), List.of("ping: fails directly")),
                Arguments.of("unknown scenario listed", List.of("pong typo"), Map.of("ping", PASS_PING),
                        Map.of("ping", PASS_PING), List.of("pong: listed as a known gap but the suite has no such")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheGatewayAgainstTheDirectRunAndTheList(String name, List<String> listed,
                                                       Map<String, ScenarioResult> direct,
                                                       Map<String, ScenarioResult> gateway, List<String> expected) {
        Map<String, ScenarioResult> d = new java.util.HashMap<>(direct);
        d.putIfAbsent("tools-list", PASS_LIST);
        Map<String, ScenarioResult> g = new java.util.HashMap<>(gateway);
        g.putIfAbsent("tools-list", PASS_LIST);
        List<String> problems = KnownGaps.parse(listed).violations(SCENARIOS, d, g);
        assertThat(problems).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(problems.get(i)).startsWith(expected.get(i));
        }
    }

    @Test
    void refusesLinesWithoutAReasonAndScenariosListedTwice() {
        assertThatThrownBy(() -> KnownGaps.parse(List.of("ping"))).hasMessageContaining("line 1");
        assertThatThrownBy(() -> KnownGaps.parse(List.of("# c", "ping a", "ping b")))
                .hasMessageContaining("line 3 lists ping again");
    }

    @Test
    void theCheckedInListParsesAndGivesEveryGapAReason() throws Exception {
        KnownGaps gaps = KnownGaps.read(ConformanceSuiteTest.KNOWN_GAPS);
        assertThat(gaps.reasons()).allSatisfy((scenario, reason) -> assertThat(reason).isNotBlank());
    }

    @Test
    void readsTheSuitesResultFiles(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        Path d = java.nio.file.Files.createDirectories(out.resolve("server-tools-call-simple-text-2026-12-07T06-22-50-826Z"));
        java.nio.file.Files.writeString(d.resolve("checks.json"), """
                [{"id":"a","status":"SUCCESS"},{"id":"b","status":"FAILURE","errorMessage":"boom"},
                 {"id":"c","status":"WARNING"},{"id":"d","status":"INFO"}]""");
        assertThat(ConformanceSuite.read(out)).containsExactly(Map.entry("tools-call-simple-text",
                new ScenarioResult("tools-call-simple-text", true, 1, 1, 1)));
        assertThat(ConformanceSuite.failureMessages(out, "tools-call-simple-text")).containsExactly("boom");
    }
}
