package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.DatabaseSettings;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.testkit.EmbeddedPostgresServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-node mode: two gateways sharing one PostgreSQL (a real server started from Maven binaries). An agent
 * registered through one is served by the other, a suspension made on one takes effect on the other, and both append
 * to one audit chain that verifies.
 */
class PostgresGatewayTest {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();

    @Test
    void twoGatewaysShareAgentsRevocationsAndOneAuditChain(@TempDir Path dataA, @TempDir Path dataB) throws Exception {
        String url = postgres.jdbcUrl();
        // Replicas sit behind one public URL: it is the tokens' issuer and audience on every replica.
        BulwarkConfig base = new BulwarkConfig(null, new dev.bulwark.server.config.ServerSettings(null, 0,
                "http://bulwark.test", null, null), null, null, null, null, null, null);
        BulwarkConfig a = withDatabase(base.withDataDir(dataA.toString()), url);
        BulwarkConfig b = withDatabase(base.withDataDir(dataB.toString()), url);
        try (Gateway first = Gateway.start(a)) {
            shareKeys(dataA, dataB);
            try (Gateway second = Gateway.start(b)) {
                assertThat(second.demoCredentials()).as("demo agents already exist in the shared database").isNull();
                var reg = first.identity().agents().register("shared-bot", "ops@example.com",
                        java.util.Set.of("support"), Map.of());
                String token = TestGateways.token(first, "shared-bot", reg.apiKey().value());
                try (McpSyncClient client = TestGateways.client(second, token, null)) {
                    McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(
                            "crm.get_customer", Map.of("id", 5)));
                    assertThat(r.isError()).isFalse();
                }
                assertThat(GatewayEndToEndTestSupport.lastToolCall(first, "crm.get_customer").event().outcome())
                        .as("the record written by the second replica is in the shared chain")
                        .isEqualTo(Outcome.SUCCEEDED);
                first.identity().agents().suspend("shared-bot");
                assertThat(second.identity().authenticator().authenticate(token))
                        .isInstanceOf(dev.bulwark.spi.identity.Authentication.Rejected.class);
                assertThat(first.auditLog().verify().intact()).isTrue();
            }
        }
    }

    /** The second replica shares the signing keys and the PII key, as a deployment must. */
    static void shareKeys(Path from, Path to) throws java.io.IOException {
        java.nio.file.Files.createDirectories(to.resolve("keys"));
        for (String file : new String[] {"token-signing.jwks.json", "audit-signing.key", "pii.key"}) {
            java.nio.file.Files.copy(from.resolve("keys").resolve(file), to.resolve("keys").resolve(file));
        }
    }

    private static BulwarkConfig withDatabase(BulwarkConfig c, String url) {
        return new BulwarkConfig(c.dataDir(), c.server(), new DatabaseSettings(url, null, null), c.identity(),
                c.policies(), c.audit(), c.demo(), c.upstreams());
    }
}
