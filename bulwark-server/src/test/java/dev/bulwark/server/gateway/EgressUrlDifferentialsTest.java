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
 * URL parser differentials through the whole gateway, over MCP: policy permits one public host, and each URL below
 * is spelt so that a lenient parser sees that host while another sees loopback (userinfo, fragments, backslashes,
 * tabs and newlines, percent-encoding, NUL, zone ids). A URL the decision let through to a loopback address would
 * come back as "egress refused: … loopback" (the production address rules stop it); every one must instead be refused
 * on its form before the decision, or denied by policy.
 */
class EgressUrlDifferentialsTest {
    @Test
    void urlsThatReadAsThePermittedHostToOneParserAndLoopbackToAnotherNeverPassTheDecision(@TempDir Path data)
            throws Exception {
        Path policies = Files.createDirectories(data.resolve("policies"));
        Files.writeString(policies.resolve("egress.cedarschema"), """
                namespace Bulwark { type Arguments = { host?: String }; }
                """);
        Files.writeString(policies.resolve("egress.cedar"), """
                @id("support-docs")
                permit (principal in Bulwark::Role::"support", action == Bulwark::Action::"egress",
                        resource in Bulwark::Connector::"http")
                when { context.arguments has host && context.arguments.host == "docs.example.org" };
                """);
        BulwarkConfig config = new dev.bulwark.server.config.ConfigLoader().parse("""
                dataDir: %s
                policies: {dir: %s}
                guards: {pii: {egress: {IP_ADDRESS: allow}}}
                egress: {enabled: true, timeout: 2s}
                """.formatted(data, policies), "test.yaml").withPort(0);
        List<String> urls = List.of(
                "http://docs.example.org@127.0.0.1/", "http://docs.example.org:80@127.0.0.1/",
                "http://127.0.0.1#@docs.example.org/", "http://127.0.0.1\\@docs.example.org/",
                "http://127.0.0.1\\.docs.example.org/", "http://docs.example.org\\@127.0.0.1/",
                "http://docs.example.org\t@127.0.0.1/", "http://docs.exa\tmple.org/", "http://docs.example.org\n.127.0.0.1/",
                "http://127.0.0.1%2f.docs.example.org/", "http://docs.example.org%2f@127.0.0.1/",
                "http://docs%2eexample%2eorg/", "http://127.0.0.1%00.docs.example.org/",
                "http://docs.example.org\u0000.127.0.0.1/", "http://[::1%25lo]/", "http://[::ffff:7f00:1]/",
                "http://0x7f.1/", "http://127.1/", "http://2130706433/", "http://docs.example.org\u3002127.0.0.1/",
                "http://127.0.0.1:80:docs.example.org/", "http://127.0.0.1 docs.example.org/",
                "//docs.example.org@127.0.0.1/", "HTTP://127.0.0.1/", "http:/127.0.0.1/", "http:127.0.0.1/");
        try (Gateway gateway = Gateway.start(config)) {
            String token = TestGateways.unmaskedSupportToken(gateway);
            try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                for (String url : urls) {
                    String outcome = fetch(client, url);
                    assertThat(outcome).as(url).doesNotContain("loopback").doesNotContain("blocked address")
                            .containsAnyOf("egress refused", "denied", "invalid arguments");
                }
                // the permitted host in canonical and trailing-dot form reaches the connector (no DNS offline)
                assertThat(fetch(client, "http://DOCS.example.org./x")).doesNotContain("denied");
            }
        }
    }

    private static String fetch(McpSyncClient client, String url) {
        try {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("http.fetch",
                    Map.of("url", url)));
            return result.content().isEmpty() ? "" : ((McpSchema.TextContent) result.content().get(0)).text();
        } catch (RuntimeException e) {
            return "invalid arguments: " + e.getMessage();
        }
    }
}
