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
    /**
     * A user's token exchanged on replica A for the agent (act.sub = agent) opens a session on replica B; the kill
     * through A refuses B's next call on that session, and the exchanged token stays refused after re-activation.
     */
    @Test
    void killRefusesADelegatedSessionOnTheOtherReplica(@TempDir Path dataA, @TempDir Path dataB) throws Exception {
        String url = postgres.freshDatabaseUrl("kill_switch_delegated");
        BulwarkConfig base = new BulwarkConfig(null, new ServerSettings(null, 0, "http://bulwark.test", null, null),
                new DatabaseSettings(url, null, null), null, null, null, null, java.util.List.of());
        try (Gateway first = Gateway.start(base.withDataDir(dataA.toString()))) {
            PostgresGatewayTest.shareKeys(dataA, dataB);
            try (Gateway second = Gateway.start(base.withDataDir(dataB.toString()))) {
                String admin = java.nio.file.Files.readString(dataA.resolve(AdminToken.FIRST_START_FILE)).trim();
                var http = java.net.http.HttpClient.newHttpClient();
                var minted = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(first.localUrl()
                        + "/api/v1/users/alice/token")).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + admin)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"ttlSeconds\":600}")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
                String userToken = new com.fasterxml.jackson.databind.ObjectMapper().readTree(minted.body())
                        .get("token").asText();
                String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("support-bot:"
                        + first.demoCredentials().supportBotKey()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                var exchanged = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(first.localUrl()
                        + "/oauth/token")).header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", basic).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token="
                                        + userToken + "&subject_token_type="
                                        + "urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
                String delegated = new com.fasterxml.jackson.databind.ObjectMapper().readTree(exchanged.body())
                        .get("access_token").asText();
                try (McpSyncClient onSecond = TestGateways.client(second, delegated, null)) {
                    assertThat(read(onSecond).isError()).isFalse();
                    assertThat(AnomalyEndToEndTest.admin(first, "POST", "/api/v1/agents/support-bot/kill")
                            .statusCode()).isEqualTo(200);
                    assertThatThrownBy(() -> read(onSecond)).isInstanceOf(RuntimeException.class);
                }
                assertThat(AnomalyEndToEndTest.admin(first, "POST", "/api/v1/agents/support-bot/activate")
                        .statusCode()).isEqualTo(200);
                assertThatThrownBy(() -> TestGateways.client(second, delegated, null))
                        .as("the exchanged token from before the kill stays revoked")
                        .isInstanceOf(RuntimeException.class);
            }
        }
    }
}
