package dev.bulwark.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The evidence that provenance separates attacker-goal calls from the user's own calls on recorded AgentDojo runs
 * (skipped where the data is absent: it lives beside the repository, in {@code shared/agentdojo}).
 */
class AgentDojoFlowReplayTest {
    /** {@code $BULWARK_AGENTDOJO}, else the nearest {@code shared/agentdojo} beside the repository or above it. */
    static Path dataDir() {
        String env = System.getenv("BULWARK_AGENTDOJO");
        if (env != null) {
            return Path.of(env);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/agentdojo"))) {
                return p.resolve("shared/agentdojo");
            }
        }
        return Path.of("shared/agentdojo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"flow-config.json", "flow-config-v2.json"})
    void replaysTheRecordedRuns(String configFile) throws IOException {
        Path dir = dataDir();
        assumeTrue(Files.isDirectory(dir.resolve("traces")), "no AgentDojo data at " + dir.toAbsolutePath());
        Map<String, AgentDojoFlowReplay.SuiteConfig> config;
        try (InputStream in = getClass().getResourceAsStream("/flow/agentdojo/" + configFile)) {
            config = AgentDojoFlowReplay.config(in);
        }

        Map<String, AgentDojoFlowReplay.Tally> tallies = AgentDojoFlowReplay.replay(dir, config);

        StringBuilder report = new StringBuilder("config " + configFile + "\n");
        tallies.forEach((suite, t) -> report.append(t.report(suite)).append("    unflagged goal calls by sources: ")
                .append(t.unflaggedGoals).append('\n').append("    goal calls P3 misses: ").append(t.p3MissedGoals)
                .append('\n'));
        Files.writeString(Path.of("target/agentdojo-flow-report-" + configFile.replace(".json", ".txt")), report);
        System.out.print(report);
        for (AgentDojoFlowReplay.Tally t : tallies.values()) {
            assertThat(t.goalCalls).isPositive();
            assertThat(t.benignRuns).isPositive();
            // however the models wrote the attacker's values, they are traced to the untrusted output holding them
            assertThat(t.recallValues).isPositive();
            assertThat(t.recallMissed).as(report.toString()).isEmpty();
        }
    }
}
