package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.DatabaseSettings;
import dev.bulwark.server.config.ServerSettings;
import dev.bulwark.testkit.EmbeddedPostgresServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill switch pulled through one replica's admin API refuses the agent's very next call on another replica sharing
 * the database, on an MCP session that was open and working; its old token stays refused after re-activation, and a
 * fresh token works again.
 */
class KillSwitchReplicasTest {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();

    private static McpSchema.CallToolResult read(McpSyncClient client) {
        return client.callTool(new McpSchema.CallToolRequest("crm.find_customers", Map.of("limit", 5)));
    }

    @Test
    void killThroughOneReplicaRefusesTheNextCallOnTheOther(@TempDir Path dataA, @TempDir Path dataB)
            throws Exception {
        String url = postgres.freshDatabaseUrl("kill_switch");
        BulwarkConfig base = new BulwarkConfig(null, new ServerSettings(null, 0, "http://bulwark.test", null, null),
                new DatabaseSettings(url, null, null), null, null, null, null, java.util.List.of());
        try (Gateway first = Gateway.start(base.withDataDir(dataA.toString()))) {
            PostgresGatewayTest.shareKeys(dataA, dataB);
            try (Gateway second = Gateway.start(base.withDataDir(dataB.toString()))) {
                String key = first.demoCredentials().supportBotKey();
                String token = TestGateways.token(first, "support-bot", key);
                try (McpSyncClient onSecond = TestGateways.client(second, token, null)) {
                    assertThat(read(onSecond).isError()).isFalse();

                    var killed = AnomalyEndToEndTest.admin(first, "POST", "/api/v1/agents/support-bot/kill");
                    assertThat(killed.statusCode()).isEqualTo(200);
                    assertThat(killed.body()).contains("\"suspended\"");

                    assertThatThrownBy(() -> read(onSecond)).isInstanceOf(RuntimeException.class);
                }
                assertThat(AnomalyEndToEndTest.admin(first, "POST", "/api/v1/agents/support-bot/activate")
                        .statusCode()).isEqualTo(200);
                assertThatThrownBy(() -> TestGateways.client(second, token, null))
                        .as("the token from before the kill stays revoked").isInstanceOf(RuntimeException.class);
                Thread.sleep(1100); // tokens carry whole seconds: one issued in the kill's second is refused too
                String fresh = TestGateways.token(second, "support-bot", key);
                try (McpSyncClient again = TestGateways.client(second, fresh, null)) {
                    assertThat(read(again).isError()).isFalse();
                }
                assertThat(AnomalyEndToEndTest.admin(first, "POST", "/api/v1/agents/nobody/kill").statusCode())
                        .isEqualTo(404);
                assertThat(first.auditLog().tail(50)).extracting(r -> r.event().action()).contains("agent.kill");
            }
        }
    }
}
