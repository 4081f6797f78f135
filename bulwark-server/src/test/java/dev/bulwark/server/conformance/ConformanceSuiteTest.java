package dev.bulwark.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.server.gateway.Gateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the official MCP conformance suite's server scenarios (pinned, see {@code scripts/conformance.sh}) against its
 * reference "everything" server, once directly and once through a real gateway that has it as an upstream, and fails
 * when a scenario that passes directly fails through the gateway, unless it is a listed known gap
 * ({@code conformance/known-gaps.txt}); a listed gap that now passes fails too, so the list only shrinks.
 *
 * <p>Needs Node.js and the installed suite; without them the test is skipped with the reason, or fails when
 * {@code BULWARK_REQUIRE_NODE=1} (set by {@code .ci/run}).
 */
class ConformanceSuiteTest {
    static final Path KNOWN_GAPS = Path.of("src/test/resources/conformance/known-gaps.txt");
    static final Path MATRIX = Path.of("target/conformance-matrix.md");
    private static final int RUN_TIMEOUT_SECONDS = 240;

    @Test
    void everyScenarioThatPassesDirectlyPassesThroughTheGatewayExceptTheListedGaps(@TempDir Path data,
                                                                                    @TempDir Path out)
            throws Exception {
        ConformanceSuite.Result<ConformanceSuite> found = ConformanceSuite.installed();
        if (found.value().isEmpty()) {
            if ("1".equals(System.getenv("BULWARK_REQUIRE_NODE"))) {
                throw new AssertionError("the MCP conformance test is required here (BULWARK_REQUIRE_NODE=1) but "
                        + found.reason());
            }
            assumeTrue(false, "MCP conformance test skipped: " + found.reason());
        }
        ConformanceSuite suite = found.value().get();
        KnownGaps gaps = KnownGaps.read(KNOWN_GAPS);
        Set<String> scenarios = suite.serverScenarios();
        assertThat(scenarios).as("server scenarios of the pinned suite").hasSizeGreaterThanOrEqualTo(30);

        Map<String, ScenarioResult> direct;
        Map<String, ScenarioResult> gateway;
        Path directOut = Files.createDirectories(out.resolve("direct"));
        Path gatewayOut = Files.createDirectories(out.resolve("gateway"));
        try (ReferenceServer reference = ReferenceServer.start(suite)) {
            direct = suite.runServerScenarios(reference.mcpUrl(), directOut, Map.of(), RUN_TIMEOUT_SECONDS);
            try (Gateway bulwark = Gateway.start(ConformanceGateway.config(data, reference.mcpUrl()))) {
                gateway = suite.runServerScenarios(bulwark.mcpUrl(), gatewayOut,
                        ConformanceGateway.clientEnvironment(bulwark, suite), RUN_TIMEOUT_SECONDS);
            }
        }
        String matrix = Matrix.render(scenarios, direct, gateway, gaps, gatewayOut);
        Files.createDirectories(MATRIX.getParent());
        Files.writeString(MATRIX, matrix);
        System.out.println(matrix);

        List<String> problems = gaps.violations(scenarios, direct, gateway);
        assertThat(problems).as("conformance through the gateway (matrix in " + MATRIX.toAbsolutePath() + ")")
                .isEmpty();
    }
}
