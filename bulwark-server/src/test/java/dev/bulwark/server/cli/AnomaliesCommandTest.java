package dev.bulwark.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.anomaly.Anomaly;
import dev.bulwark.anomaly.AnomalyKind;
import dev.bulwark.anomaly.JdbcAnomalyStore;
import dev.bulwark.testkit.JdbcUrlDataSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomaliesCommandTest {
    @TempDir
    Path data;

    @Test
    void listsStoredAnomaliesNewestFirstAndFiltersByKindAndAgent() {
        assertThat(CliRun.of("agent", "create", "cli-bot", "--owner", "o", "--data", data.toString()).exit()).isZero();
        JdbcAnomalyStore store = new JdbcAnomalyStore(JdbcUrlDataSource.sqliteWal(data.resolve("bulwark.db")));
        Instant t = Instant.parse("2026-03-02T10:00:00Z");
        store.record(new Anomaly(t, AnomalyKind.CALL_RATE, "agent:cli-bot", "cli-bot", null, null, "crm.x", 9,
                "90 calls in the last minute", Map.of("callsLastMinute", 90)), List.of("alert", "risk"));
        store.record(new Anomaly(t.plusSeconds(60), AnomalyKind.FIRST_USE, "agent:other", "other", null, null,
                "shell.exec", 1e6, "first use of connector shell", Map.of()), List.of());

        CliRun all = CliRun.of("anomalies", "--data", data.toString());
        assertThat(all.exit()).isZero();
        String[] lines = all.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).contains("\"first-use\"");
        assertThat(lines[1]).contains("\"call-rate\"").contains("\"callsLastMinute\":90").contains("\"risk\"");
        assertThat(CliRun.of("anomalies", "--kind", "call-rate", "--data", data.toString()).out().strip()
                .split("\n")).hasSize(1);
        assertThat(CliRun.of("anomalies", "--agent", "other", "--data", data.toString()).out()).contains("shell.exec")
                .doesNotContain("crm.x");
        assertThat(CliRun.of("anomalies", "--kind", "bogus", "--data", data.toString()).exit()).isEqualTo(2);
        assertThat(CliRun.of("anomalies", "--limit", "0", "--data", data.toString()).exit()).isEqualTo(2);
    }

    @Test
    void agentKillSuspendsAndRevokes() {
        assertThat(CliRun.of("agent", "create", "k-bot", "--owner", "o", "--data", data.toString()).exit()).isZero();
        CliRun killed = CliRun.of("agent", "kill", "k-bot", "--data", data.toString());
        assertThat(killed.exit()).isZero();
        assertThat(killed.out()).contains("suspended").contains("revoked");
        assertThat(CliRun.of("agent", "list", "--data", data.toString()).out()).contains("suspended");
        assertThat(CliRun.of("agent", "kill", "nobody", "--data", data.toString()).exit()).isEqualTo(1);
    }
}
