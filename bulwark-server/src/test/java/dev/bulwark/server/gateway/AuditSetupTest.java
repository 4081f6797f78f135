package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.audit.JdbcAuditLog;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSetupTest {
    @TempDir
    Path dir;

    private BulwarkConfig config(String audit) {
        return new ConfigLoader().parse("dataDir: " + dir.resolve("data") + "\n" + audit, "test.yaml");
    }

    @Test
    void theEmbeddedDefaultWarnsThatTheKeyAndTheWitnessAreInsideTheDataDirectory() {
        BulwarkConfig config = config("");

        assertThat(AuditSetup.keyFile(config)).contains(dir.resolve("data/keys/audit-signing.key"));
        assertThat(AuditSetup.witnessFile(config)).contains(dir.resolve("data/witness/audit-anchors.jsonl"));
        assertThat(AuditSetup.warnings(config)).hasSize(2).anySatisfy(w -> assertThat(w)
                .contains("co-located key is no defence")).anySatisfy(w -> assertThat(w)
                .contains("witness file").contains("inside the data directory"));
    }

    @Test
    void aKeyAndAWitnessElsewhereRaiseNoWarning() {
        BulwarkConfig config = config("""
                audit:
                  signingKeyFile: %s
                  witnesses: {file: %s}
                """.formatted(dir.resolve("secure/audit.key"), dir.resolve("witness/anchors.jsonl")));

        assertThat(AuditSetup.warnings(config)).isEmpty();
    }

    @Test
    void noWitnessAtAllIsWarnedAbout() {
        assertThat(AuditSetup.warnings(config("audit: {signingKeyFile: /elsewhere/k, witnesses: {file: off}}")))
                .singleElement().asString().contains("no audit witness");
    }

    @Test
    void theGatewaySignsWithTheConfiguredKeyFileAndAnchorsAtTheConfiguredWitness() throws Exception {
        Path key = dir.resolve("secure/audit.key");
        Path witness = dir.resolve("witness/anchors.jsonl");
        BulwarkConfig config = config("""
                audit:
                  signingKeyFile: %s
                  witnesses: {file: %s}
                """.formatted(key, witness));

        try (JdbcAuditLog log = AuditSetup.open(config)) {
            log.append(new dev.bulwark.spi.audit.AuditEvent(java.time.Instant.now(),
                    dev.bulwark.spi.audit.AuditEventType.SYSTEM, "test.start", dev.bulwark.spi.audit.Outcome.SUCCEEDED,
                    null, null, null, "", java.util.Map.of()));
            assertThat(log.witnesses()).singleElement().satisfies(w -> assertThat(w.witness()).endsWith(
                    witness.toString()));
        }

        assertThat(key).isRegularFile();
        assertThat(dir.resolve("data/keys/audit-signing.key")).doesNotExist();
        assertThat(Files.readString(witness)).contains("\"sequence\":1");
    }

    @Test
    void aMissingKeyEnvironmentVariableFailsTheStart() {
        BulwarkConfig config = config("audit: {signingKeyEnv: BULWARK_TEST_SURELY_UNSET_KEY}");

        assertThatThrownBy(() -> AuditSetup.signer(config)).hasMessageContaining("BULWARK_TEST_SURELY_UNSET_KEY")
                .hasMessageContaining("not set");
    }
}
