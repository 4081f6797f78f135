package dev.bulwark.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.audit.AuditLogOptions;
import dev.bulwark.audit.JdbcAuditLog;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.ConfigLoader;
import dev.bulwark.server.gateway.AuditSetup;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark audit verify --anchors} and {@code audit tail --unfinished} on a log written as the gateway does. */
class AuditCommandTest {
    @TempDir
    Path dir;
    Path data;
    Path yaml;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @BeforeEach
    void setUp() throws Exception {
        data = dir.resolve("data");
        yaml = dir.resolve("bulwark.yaml");
        Files.writeString(yaml, """
                dataDir: %s
                audit:
                  checkpointEvery: 10
                  witnesses:
                    file: %s
                    database: jdbc:sqlite:%s
                """.formatted(data, dir.resolve("witness/anchors.jsonl"), dir.resolve("witness.db")));
    }

    private BulwarkConfig config() {
        return new ConfigLoader().load(yaml);
    }

    private static AuditEvent event(int i, AuditEventType type, Outcome outcome, String callId) {
        return new AuditEvent(Instant.now(), type, "crm.update_customer_note", outcome, "support-bot", null, null, "",
                Map.of("callId", callId, "i", i));
    }

    /** 25 records written through the gateway's wiring, with the configured witnesses; sealed on close. */
    private void writeLog() {
        try (JdbcAuditLog log = AuditSetup.open(config())) {
            for (int i = 1; i <= 25; i++) {
                log.append(event(i, AuditEventType.TOOL_CALL, Outcome.SUCCEEDED, "c" + i));
            }
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("audit.db"));
             Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @Test
    void verifiesAgainstTheConfiguredWitnessesAndCatchesTruncation() throws Exception {
        writeLog();

        CliRun ok = run("audit", "verify", "--config", yaml.toString());
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).startsWith("audit log intact: 25 records");

        sql("DELETE FROM audit_record WHERE sequence > 20");
        sql("DELETE FROM audit_checkpoint WHERE sequence > 20");
        CliRun truncated = run("audit", "verify", "--config", yaml.toString());
        assertThat(truncated.exit()).isEqualTo(1);
        assertThat(truncated.out()).contains("BROKEN").contains("truncated");
    }

    @Test
    void anchorsFromAGivenFileOrDatabaseEachCatchTruncation() throws Exception {
        writeLog();
        sql("DELETE FROM audit_record WHERE sequence > 10");
        sql("DELETE FROM audit_checkpoint WHERE sequence > 10");

        CliRun noAnchors = run("audit", "verify", "--data", data.toString());
        assertThat(noAnchors.exit()).as("the attack without a witness").isZero();
        CliRun file = run("audit", "verify", "--data", data.toString(), "--anchors",
                dir.resolve("witness/anchors.jsonl").toString());
        CliRun database = run("audit", "verify", "--data", data.toString(), "--anchors",
                "jdbc:sqlite:" + dir.resolve("witness.db"));

        assertThat(file.exit()).isEqualTo(1);
        assertThat(file.out()).contains("truncated");
        assertThat(database.exit()).isEqualTo(1);
        assertThat(database.out()).contains("truncated");
    }

    @Test
    void reportsTheUnanchoredTailAndFailsOnItWhenAnchorsAreRequired() {
        writeLog();
        try (JdbcAuditLog unwitnessed = JdbcAuditLog.openEmbedded(data, AuditLogOptions.defaults()
                .withCheckpointInterval(10).withCheckpointPeriod(Duration.ZERO))) {
            for (int i = 26; i <= 28; i++) {
                unwitnessed.append(event(i, AuditEventType.TOOL_CALL, Outcome.SUCCEEDED, "c" + i));
            }
        }

        CliRun lenient = run("audit", "verify", "--config", yaml.toString());
        CliRun strict = run("audit", "verify", "--config", yaml.toString(), "--require-anchored");

        assertThat(lenient.exit()).isZero();
        assertThat(lenient.out()).startsWith("audit log verified up to record 28")
                .contains("UNANCHORED TAIL: 3 records (26 to 28)");
        assertThat(strict.exit()).isEqualTo(AuditCommand.UNANCHORED);
    }

    @Test
    void listsSideEffectsWhoseOutcomeWasNeverRecorded() {
        try (JdbcAuditLog log = AuditSetup.open(config())) {
            log.append(event(1, AuditEventType.TOOL_ATTEMPT, Outcome.ATTEMPTED, "done"));
            log.append(event(2, AuditEventType.TOOL_CALL, Outcome.SUCCEEDED, "done"));
            log.append(event(3, AuditEventType.TOOL_ATTEMPT, Outcome.ATTEMPTED, "cut-off"));
        }

        CliRun tail = run("audit", "tail", "--unfinished", "--config", yaml.toString());
        CliRun verify = run("audit", "verify", "--config", yaml.toString());

        assertThat(tail.exit()).isZero();
        assertThat(tail.out().lines()).singleElement().asString().contains("cut-off").contains("TOOL_ATTEMPT");
        assertThat(verify.exit()).isZero();
        assertThat(verify.out()).contains("UNFINISHED: record 3 attempted crm.update_customer_note (call cut-off");
    }

    @Test
    void aPublicKeyKeptElsewhereRefusesAChainResignedWithAReplacedKey() throws Exception {
        writeLog();
        Path kept = dir.resolve("audit-public.pem");
        Files.writeString(kept, AuditSetup.signer(config()).publicKeyPem());
        Files.delete(data.resolve("keys/audit-signing.key")); // the attacker's key takes its place
        try (JdbcAuditLog forged = JdbcAuditLog.openEmbedded(data, AuditLogOptions.defaults())) {
            forged.append(event(26, AuditEventType.TOOL_CALL, Outcome.SUCCEEDED, "x"));
        }
        sql("DELETE FROM audit_checkpoint WHERE sequence <= 25");

        CliRun trusting = run("audit", "verify", "--data", data.toString());
        CliRun kept1 = run("audit", "verify", "--data", data.toString(), "--public-key", kept.toString());

        assertThat(trusting.exit()).as("the data directory's own (replaced) key").isZero();
        assertThat(kept1.exit()).isEqualTo(1);
        assertThat(kept1.out()).contains("not trusted");
    }
}
