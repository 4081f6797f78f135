package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.DatabaseSettings;
import dev.bulwark.server.config.ServerSettings;
import dev.bulwark.server.config.SessionSettings;
import dev.bulwark.server.config.UpstreamSettings;
import dev.bulwark.testkit.EmbeddedPostgresServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task outlives its transport: what it has seen through one replica, or before a restart, restricts it on another
 * replica, on a new MCP session, and after the restart (the guardrail "no write after untrusted data").
 */
class SharedSessionsGatewayTest {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();

    private static final Map<String, Object> NOTE = Map.of("id", 2, "note", "Called back, all fine.");

    @Test
    void untrustedDataReadThroughOneReplicaForbidsAWriteThroughTheOther(@TempDir Path dataA, @TempDir Path dataB)
            throws Exception {
        try (UpstreamFixture upstream = new UpstreamFixture()) {
            String url = postgres.freshDatabaseUrl("shared_sessions");
            BulwarkConfig base = new BulwarkConfig(null, new ServerSettings(null, 0, "http://bulwark.test", null,
                    null), new DatabaseSettings(url, null, null), null, null, null, null, web(upstream));
            try (Gateway first = Gateway.start(withPolicies(base.withDataDir(dataA.toString()), dataA))) {
                PostgresGatewayTest.shareKeys(dataA, dataB);
                try (Gateway second = Gateway.start(withPolicies(base.withDataDir(dataB.toString()), dataB))) {
                    String token = TestGateways.token(first, "support-bot", first.demoCredentials().supportBotKey());
                    try (McpSyncClient a = TestGateways.client(first, token, null);
                         McpSyncClient b = TestGateways.client(second, token, null)) {
                        assertThat(write(b).isError()).as("writing is allowed before untrusted data").isFalse();
                        assertThat(a.callTool(new McpSchema.CallToolRequest("web.echo", Map.of("text", "a page")))
                                .isError()).isFalse();
                        McpSchema.CallToolResult after = write(b);
                        assertThat(after.isError()).isTrue();
                        assertThat(((McpSchema.TextContent) after.content().get(0)).text())
                                .contains("no-write-after-untrusted");
                    }
                }
            }
        }
    }

    @Test
    void theTaskKeepsItsLabelsAcrossARestart(@TempDir Path data) throws Exception {
        assertThat(writeAfterRestart(data, SessionSettings.defaults()).isError())
                .as("the database store (the default) remembers the untrusted read").isTrue();
    }

    @Test
    void theMemoryStoreForgetsOnRestart(@TempDir Path data) throws Exception {
        assertThat(writeAfterRestart(data, new SessionSettings("memory", null, null, null)).isError())
                .as("why memory is not the default").isFalse();
    }

    private static McpSchema.CallToolResult writeAfterRestart(Path data, SessionSettings sessions) throws Exception {
        try (UpstreamFixture upstream = new UpstreamFixture()) {
            BulwarkConfig config = withPolicies(new BulwarkConfig(data.toString(), null, null, null, null, null, null,
                    web(upstream)).withPort(0), data).withSessions(sessions);
            String key;
            try (Gateway gateway = Gateway.start(config)) {
                key = gateway.demoCredentials().supportBotKey();
                String token = TestGateways.token(gateway, "support-bot", key);
                try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                    assertThat(client.callTool(new McpSchema.CallToolRequest("web.echo", Map.of("text", "a page")))
                            .isError()).isFalse();
                }
            }
            try (Gateway restarted = Gateway.start(config)) {
                String token = TestGateways.token(restarted, "support-bot", key);
                try (McpSyncClient client = TestGateways.client(restarted, token, null)) {
                    return write(client);
                }
            }
        }
    }

    private static McpSchema.CallToolResult write(McpSyncClient client) {
        return client.callTool(new McpSchema.CallToolRequest("crm.update_customer_note", NOTE));
    }

    private static List<UpstreamSettings> web(UpstreamFixture upstream) {
        return List.of(new UpstreamSettings("web", upstream.url(), null, null, Map.of("echo", "read"), null, "10s",
                "tofu"));
    }

    /** The example policies (with the no-write-after-untrusted guardrail) plus a permit to read the web upstream. */
    private static BulwarkConfig withPolicies(BulwarkConfig config, Path data) throws Exception {
        Path policies = data.resolve("policies");
        if (!Files.exists(policies.resolve("web.cedar"))) {
            Policies.seed(policies);
            Files.writeString(policies.resolve("web.cedar"), """
                    @id("support-reads-web")
                    permit (principal in Bulwark::Role::"support", action == Bulwark::Action::"read",
                            resource in Bulwark::Connector::"web");
                    """);
        }
        return config;
    }
}
