package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.config.BulwarkConfig;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP egress and filesystem connectors through the whole gateway: policy decides the parsed host, the address
 * rules of production refuse loopback even where policy allows it (configuration cannot exempt an address), egress
 * arguments are screened for secrets, and files are served from their root only.
 */
class EgressEndToEndTest {
    @Test
    void policyDecidesTheParsedHostAndLoopbackStaysRefused(@TempDir Path data) throws Exception {
        Path policies = Files.createDirectories(data.resolve("policies"));
        Files.writeString(policies.resolve("egress.cedarschema"), """
                namespace Bulwark { type Arguments = { host?: String, root?: String }; }
                """);
        Files.writeString(policies.resolve("egress.cedar"), """
                @id("support-web-hosts")
                permit (principal in Bulwark::Role::"support", action == Bulwark::Action::"egress",
                        resource in Bulwark::Connector::"http")
                when { context.arguments has host && ["127.0.0.1", "docs.example.org"].contains(context.arguments.host) };

                @id("support-reads-files")
                permit (principal in Bulwark::Role::"support", action == Bulwark::Action::"read",
                        resource in Bulwark::Connector::"fs")
                when { context.arguments has root && context.arguments.root == "reports" };
                """);
        Path reports = Files.createDirectories(data.resolve("reports"));
        Files.writeString(reports.resolve("q3.txt"), "revenue up");
        // IP literals count as personal data in egress arguments by default (redacted, so the URL is refused);
        // this deployment lets them through to show that the address rules still refuse loopback
        BulwarkConfig config = new dev.bulwark.server.config.ConfigLoader().parse("""
                dataDir: %s
                policies: {dir: %s}
                guards: {pii: {egress: {IP_ADDRESS: allow}}}
                egress: {enabled: true, timeout: 2s}
                files:
                  enabled: true
                  roots: [{name: reports, path: %s}]
                """.formatted(data, policies, reports), "test.yaml").withPort(0);
        try (Gateway gateway = Gateway.start(config)) {
            assertThat(gateway.tools().all()).extracting(t -> t.name() + ":" + t.kind().label())
                    .contains("http.fetch:egress", "http.post:egress", "fs.read:read", "fs.list:read",
                            "fs.write:write");
            String token = TestGateways.unmaskedSupportToken(gateway);
            try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                // allowed by policy, refused by the address rules, which no policy or configuration lifts
                assertThat(fetch(client, "http://127.0.0.1:9/")).contains("egress refused").contains("loopback");
                // another spelling of loopback: its canonical host is not in the policy's list
                assertThat(fetch(client, "http://[::1]:9/")).contains("denied");
                // a disguised form never reaches policy
                assertThat(fetch(client, "http://0x7f.1/")).contains("egress refused")
                        .contains("four decimal numbers");
                assertThat(fetch(client, "http://docs.example.org@127.0.0.1/")).contains("user information");
                // secrets in the URL are screened before anything is sent
                assertThat(fetch(client, "http://127.0.0.1:9/?k=AKIAIOSFODNN7EXAMPLE")).contains("egress blocked")
                        .doesNotContain("AKIAIOSFODNN7EXAMPLE");
                // the agent cannot supply the host fact itself
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.callTool(
                        new McpSchema.CallToolRequest("http.fetch", Map.of("url", "http://127.0.0.2/", "host",
                                "docs.example.org")))).hasMessageContaining("'host' is not defined in the schema");

                assertThat(call(client, "fs.read", Map.of("root", "reports", "path", "q3.txt"))).contains("revenue up");
                assertThat(call(client, "fs.read", Map.of("root", "reports", "path", "../bulwark.db")))
                        .contains("'.' and '..'");
                assertThat(call(client, "fs.write", Map.of("root", "reports", "path", "x.txt", "content", "x")))
                        .contains("denied");
            }
        }
    }

    private static String fetch(McpSyncClient client, String url) {
        return call(client, "http.fetch", Map.of("url", url));
    }

    private static String call(McpSyncClient client, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, args));
        return result.content().isEmpty() ? "" : ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
