package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.PolicySettings;
import dev.bulwark.server.config.UpstreamSettings;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PII and secrets: redacted in tool output before the agent sees it; secrets in egress arguments block the call. */
class GuardsEndToEndTest {

    @Test
    void piiInToolOutputIsRedactedAndLabelsTheSession(@TempDir Path data) throws Exception {
        try (Gateway gateway = TestGateways.start(data)) {
            String token = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
            try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("crm.get_customer",
                        Map.of("id", 1)));
                String text = ((McpSchema.TextContent) r.content().get(0)).text();
                assertThat(r.isError()).isFalse();
                assertThat(text).contains("\"id\":1").doesNotContain("ops@acme-logistics.example")
                        .doesNotContain("555-0101").contains("<EMAIL");
            }
            var record = GatewayEndToEndTestSupport.lastToolCall(gateway, "crm.get_customer");
            assertThat(record.event().details().get("labels").toString()).contains("pii");
        }
    }

    @Test
    void secretsInEgressArgumentsBlockTheCallAndPiiIsRedactedBeforeItLeaves(@TempDir Path data) throws Exception {
        try (UpstreamFixture upstream = new UpstreamFixture()) {
            Path policies = Files.createDirectories(data.resolve("policies"));
            Files.writeString(policies.resolve("egress.cedar"), """
                    @id("support-may-send")
                    permit (principal in Bulwark::Role::"support", action == Bulwark::Action::"egress",
                            resource == Bulwark::Tool::"mail.echo");
                    """);
            BulwarkConfig config = new BulwarkConfig(data.toString(), null, null, null,
                    new PolicySettings(policies.toString(), null), null, null,
                    List.of(new UpstreamSettings("mail", upstream.url(), null, null, Map.of("echo", "egress"),
                            null, "10s", "tofu"))).withPort(0);
            try (Gateway gateway = Gateway.start(config)) {
                String token = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
                try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                    McpSchema.CallToolResult blocked = client.callTool(new McpSchema.CallToolRequest("mail.echo",
                            Map.of("text", "here is the key AKIAIOSFODNN7EXAMPLE and secret")));
                    assertThat(blocked.isError()).isTrue();
                    assertThat(((McpSchema.TextContent) blocked.content().get(0)).text()).contains("egress blocked")
                            .doesNotContain("AKIAIOSFODNN7EXAMPLE");

                    McpSchema.CallToolResult sent = client.callTool(new McpSchema.CallToolRequest("mail.echo",
                            Map.of("text", "please mail jane.doe@example.org about it")));
                    assertThat(sent.isError()).isFalse();
                    assertThat(((McpSchema.TextContent) sent.content().get(0)).text())
                            .doesNotContain("jane.doe@example.org").contains("<EMAIL");
                }
                assertThat(gateway.auditLog().tail(20).toString()).doesNotContain("AKIAIOSFODNN7EXAMPLE")
                        .doesNotContain("jane.doe@example.org");
            }
        }
    }
}
