package dev.bulwark.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a real data directory (no server running). */
class BulwarkCliTest {
    @TempDir
    Path data;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void ingestsDocumentsWithPiiDetectionAndNoGatewayRunning() throws Exception {
        Path doc = Files.writeString(data.resolve("note.txt"),
                "Call Jane Doe at jane.doe@example.org about the renewal.");
        CliRun ingested = run("documents", "ingest", doc.toString(), "--user", "alice", "--data", data.toString());
        assertThat(ingested.exit()).as(ingested.err()).isZero();
        assertThat(ingested.out()).contains("ingested file:").contains("note.txt");
    }

    @Test
    void documentAclsAndOwnersNameTheirKind() throws Exception {
        Path doc = Files.writeString(data.resolve("kinds.txt"), "Quarterly plan for the planning team.");
        CliRun ok = run("documents", "ingest", doc.toString(), "--user", "alice", "--agent", "planner-bot",
                "--owner", "user:alice", "--data", data.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        CliRun bare = run("documents", "ingest", doc.toString(), "--owner", "alice", "--data", data.toString());
        assertThat(bare.exit()).isEqualTo(1);
        assertThat(bare.err()).contains("user:alice or agent:alice");
    }

    @Test
    void refusesAnAgentWithAUsersIdAndAUserWithAnAgentsId() {
        assertThat(run("user", "create", "dana", "--data", data.toString()).exit()).isZero();
        CliRun agentAsUser = run("agent", "create", "dana", "--owner", "mallory", "--data", data.toString());
        assertThat(agentAsUser.exit()).isEqualTo(1);
        assertThat(agentAsUser.err()).contains("dana").contains("a user");

        assertThat(run("agent", "create", "eve-bot", "--owner", "o", "--data", data.toString()).exit()).isZero();
        CliRun userAsAgent = run("user", "create", "eve-bot", "--data", data.toString());
        assertThat(userAsAgent.exit()).isEqualTo(1);
        assertThat(userAsAgent.err()).contains("an agent");
    }

    @Test
    void theCliCreatesTheDataDirectoryOwnerOnly() throws Exception {
        Path fresh = data.resolve("fresh");
        assertThat(run("agent", "create", "perm-bot", "--owner", "o", "--data", fresh.toString()).exit()).isZero();
        try (var walk = Files.walk(fresh)) {
            for (Path entry : walk.toList()) {
                assertThat(Files.getPosixFilePermissions(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                        .as(entry.toString()).noneMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
            }
        }
        assertThat(fresh.resolve("bulwark.db")).exists();
    }

    @Test
    void createsListsSuspendsAgentsAndIssuesTokens() {
        CliRun created = run("agent", "create", "cli-bot", "--owner", "ops@example.com", "--role", "support",
                "--data", data.toString());
        assertThat(created.exit()).isZero();
        String key = created.out().lines().filter(l -> l.startsWith("api key")).findFirst().orElseThrow()
                .substring("api key (shown once): ".length());
        assertThat(run("agent", "create", "cli-bot", "--owner", "x", "--data", data.toString()).exit()).isEqualTo(1);
        assertThat(run("agent", "list", "--data", data.toString()).out()).contains("\"id\":\"cli-bot\"")
                .doesNotContain(key);
        CliRun token = run("token", "--agent", "cli-bot", "--key", key, "--data", data.toString());
        assertThat(token.exit()).isZero();
        assertThat(token.out().strip().split("\\.")).hasSize(3);
        assertThat(run("token", "--agent", "cli-bot", "--key", key + "x", "--data", data.toString()).exit())
                .isEqualTo(1);
        assertThat(run("agent", "suspend", "cli-bot", "--data", data.toString()).exit()).isZero();
        assertThat(run("token", "--agent", "cli-bot", "--key", key, "--data", data.toString()).exit()).isEqualTo(1);
        assertThat(run("agent", "suspend", "nobody", "--data", data.toString()).exit()).isEqualTo(1);
    }

    @Test
    void policyValidatePrintsFileAndLineOfProblems() throws Exception {
        Path dir = Files.createDirectories(data.resolve("p"));
        Files.writeString(dir.resolve("ok.cedar"), "@id(\"a\")\npermit(principal, action, resource);\n");
        assertThat(run("policy", "validate", dir.toString()).exit()).isZero();
        Files.writeString(dir.resolve("bad.cedar"), "@id(\"b\")\npermit(principal, action, resource)\nwhen { ;\n");
        CliRun bad = run("policy", "validate", dir.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("bad.cedar:");
    }

    @Test
    void policyCheckRefusesTyposAgainstTheSchemaAndPrintsWarnings() throws Exception {
        Path dir = Files.createDirectories(data.resolve("typo"));
        Files.writeString(dir.resolve("a.cedar"), "permit(principal, action, resource)\n"
                + "unless { principal in Bulwark::Rol::\"intern\" };\n");
        CliRun typo = run("policy", "check", dir.toString());
        assertThat(typo.exit()).isEqualTo(1);
        assertThat(typo.err()).contains("a.cedar:2:23:").contains("unrecognized entity type `Bulwark::Rol`");

        Files.writeString(dir.resolve("a.cedar"), "@id(\"open\") permit(principal, action, resource);\n");
        CliRun open = run("policy", "check", dir.toString());
        assertThat(open.exit()).isZero();
        assertThat(open.out()).contains("a.cedar:1:1: warning: policy `open` permits every").contains("1 warning(s)");

        CliRun schema = run("policy", "schema");
        assertThat(schema.out()).contains("namespace Bulwark").contains("entity Agent in [Role]");
    }

    @Test
    void auditVerifyDetectsTamperingAndTailReadsRecords() throws Exception {
        run("agent", "create", "a1", "--owner", "o", "--data", data.toString());
        try (var log = dev.bulwark.audit.JdbcAuditLog.openEmbedded(data, dev.bulwark.audit.AuditLogOptions.defaults())) {
            for (int i = 0; i < 5; i++) {
                log.append(new dev.bulwark.spi.audit.AuditEvent(java.time.Instant.now(),
                        dev.bulwark.spi.audit.AuditEventType.SYSTEM, "test." + i,
                        dev.bulwark.spi.audit.Outcome.SUCCEEDED, null, null, null, "", java.util.Map.of()));
            }
        }
        CliRun ok = run("audit", "verify", "--data", data.toString());
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("audit log verified up to record 5").contains("NOT ANCHORED");
        assertThat(run("audit", "tail", "-n", "2", "--data", data.toString()).out().lines().count()).isEqualTo(2);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("audit.db"));
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_record SET action = 'forged' WHERE sequence = 3");
        }
        CliRun broken = run("audit", "verify", "--data", data.toString());
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN");
    }

    @Test
    void piiEvaluateScoresALabelledFile() throws Exception {
        Path file = data.resolve("labelled.json");
        Files.writeString(file, """
                [{"full_text": "Write to maria.lopez@example.com today.", "template_id": 1,
                  "spans": [{"entity_type": "EMAIL_ADDRESS", "entity_value": "maria.lopez@example.com",
                             "start_position": 9, "end_position": 32}]},
                 {"full_text": "Nothing personal here.", "template_id": 2, "spans": []}]""");
        CliRun r = run("pii", "evaluate", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsIgnoringCase("recall").contains("F2");
        assertThat(run("pii", "evaluate", data.resolve("missing.json").toString()).exit()).isEqualTo(1);
    }

    @Test
    void tokenFromTheCliIsAcceptedByARunningGatewayOnAnotherPort() throws Exception {
        try (var gateway = dev.bulwark.server.gateway.Gateway.start(dev.bulwark.server.config.BulwarkConfig.defaults()
                .withDataDir(data.toString()).withPort(0))) {
            CliRun token = run("token", "--agent", "support-bot", "--key", gateway.demoCredentials().supportBotKey(),
                    "--url", gateway.baseUrl(), "--data", data.toString());
            assertThat(token.exit()).as(token.err()).isZero();
            assertThat(gateway.identity().authenticator().authenticate(token.out().strip()))
                    .isInstanceOf(dev.bulwark.spi.identity.Authentication.Authenticated.class);
            CliRun wrongUrl = run("token", "--agent", "support-bot", "--key", gateway.demoCredentials().supportBotKey(),
                    "--url", "http://127.0.0.1:1", "--data", data.toString());
            assertThat(gateway.identity().authenticator().authenticate(wrongUrl.out().strip()))
                    .isInstanceOf(dev.bulwark.spi.identity.Authentication.Rejected.class);
        }
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(run("frobnicate").exit()).isEqualTo(2);
    }
}
