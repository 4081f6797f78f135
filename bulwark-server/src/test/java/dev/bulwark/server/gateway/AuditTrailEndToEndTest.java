package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.cli.CliRun;
import dev.bulwark.server.config.AuditTrailSettings;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.testkit.SyslogReceiver;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail beside a real gateway: records forwarded to a syslog receiver as they are written, with the audit
 * log's redaction; the log pruned by the CLI still verifies, and tampering after the prune is still found.
 */
class AuditTrailEndToEndTest {
    private static final String SECRET = "AKIAIOSFODNN7EXAMPLE";
    @TempDir
    Path dir;

    @Test
    void forwardsEveryNewRecordToSyslogRedactedAsTheAuditLogIs() throws Exception {
        try (SyslogReceiver receiver = new SyslogReceiver()) {
            BulwarkConfig config = BulwarkConfig.defaults().withDataDir(dir.resolve("data").toString()).withPort(0)
                    .withAuditTrail(new AuditTrailSettings(null, null, "127.0.0.1:" + receiver.port(), null, null,
                            null, "start"));
            try (Gateway gateway = Gateway.start(config)) {
                String token = TestGateways.token(gateway, "support-3", gateway.identity().agents().register(
                        "support-3", "ops@example.com", Set.of("support"), Map.of()).apiKey().value());
                McpSyncClient client = TestGateways.client(gateway, token, null);
                client.callTool(new McpSchema.CallToolRequest("crm.find_customers",
                        Map.of("name_contains", "key " + SECRET)));
                client.closeGracefully();
                long last = gateway.auditLog().tail(1).getFirst().sequence();

                List<String> messages = receiver.await((int) last);

                assertThat(receiver.problems()).isEmpty();
                assertThat(messages.size()).isGreaterThanOrEqualTo((int) last);
                String call = messages.stream().filter(m -> m.contains(" TOOL_CALL ")
                        && m.contains("crm.find_customers")).findFirst().orElseThrow();
                assertThat(call).startsWith("<110>1 ").contains("agent=\"support-3\"").contains("[REDACTED");
                assertThat(String.join("\n", messages)).doesNotContain(SECRET);
                assertThat(gateway.auditTrail().forwarder().lastError()).isNull();
            }
        }
    }

    @Test
    void theCliForwardsFromItsCursorSoARerunSendsOnlyWhatIsNew() throws Exception {
        Path data = dir.resolve("data");
        try (Gateway gateway = TestGateways.start(data)) {
            gateway.auditLog().checkpoint();
        }
        try (SyslogReceiver receiver = new SyslogReceiver()) {
            CliRun first = CliRun.of("audit", "forward", "--data", data.toString(), "--syslog",
                    "127.0.0.1:" + receiver.port(), "--from-start");
            assertThat(first.exit()).as(first.err()).isZero();
            long sent = Long.parseLong(first.out().replaceAll("(?s)sent (\\d+) records.*", "$1").strip());
            assertThat(sent).isPositive();
            assertThat(receiver.await((int) sent)).hasSize((int) sent);

            CliRun again = CliRun.of("audit", "forward", "--data", data.toString(), "--syslog",
                    "127.0.0.1:" + receiver.port());
            assertThat(again.out()).startsWith("sent 0 records");
            assertThat(CliRun.of("audit", "forward", "--data", data.toString(), "--syslog", "nohost").exit())
                    .isEqualTo(1);
        }
    }

    @Test
    void aLogPrunedByTheCliStillVerifiesAndTamperingIsStillFound() throws Exception {
        Path data = dir.resolve("data");
        Path yaml = dir.resolve("bulwark.yaml");
        java.nio.file.Files.writeString(yaml, "dataDir: " + data + "\naudit:\n  checkpointEvery: 5\n");
        BulwarkConfig config = new dev.bulwark.server.config.ConfigLoader().load(yaml).withPort(0);
        try (Gateway gateway = Gateway.start(config)) {
            for (int i = 0; i < 30; i++) {
                gateway.auditLog().append(new dev.bulwark.spi.audit.AuditEvent(java.time.Instant.now(),
                        dev.bulwark.spi.audit.AuditEventType.ADMIN, "test.event", dev.bulwark.spi.audit.Outcome
                        .SUCCEEDED, null, null, null, "", Map.of("i", i)));
            }
        }
        Thread.sleep(5); // every record so far is older than the cutoff below

        CliRun prune = CliRun.of("audit", "prune", "--config", yaml.toString(), "--before", "0s");
        assertThat(prune.exit()).as(prune.err()).isZero();
        assertThat(prune.out()).contains("pruned").contains("the chain now starts at record");

        CliRun verify = CliRun.of("audit", "verify", "--config", yaml.toString());
        assertThat(verify.exit()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("PRUNED: records 1 to");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("audit.db"));
             Statement s = c.createStatement()) {
            s.execute("UPDATE audit_record SET action = 'forged' WHERE sequence = (SELECT MAX(sequence) - 1"
                    + " FROM audit_record)");
        }
        CliRun tampered = CliRun.of("audit", "verify", "--config", yaml.toString());
        assertThat(tampered.exit()).isEqualTo(1);
        assertThat(tampered.out()).contains("BROKEN");
    }
}
