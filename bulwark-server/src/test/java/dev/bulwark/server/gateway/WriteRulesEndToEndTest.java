package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.ConfigLoader;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write rules through the real gateway over MCP: a clamped note reaches the CRM, a note with a link is refused. */
class WriteRulesEndToEndTest {

    @Test
    void aLongNoteIsClampedAndANoteWithALinkIsDenied(@TempDir Path data) throws Exception {
        BulwarkConfig config = new ConfigLoader().parse("""
                writes:
                  crm.update_customer_note:
                    - {argument: /note, maxLength: 12, action: clamp}
                    - {argument: /note, pattern: "(?s)(?!.*https?:).*"}
                """, "test.yaml").withDataDir(data.toString()).withPort(0);
        try (Gateway gateway = Gateway.start(config)) {
            String token = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
            try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                McpSchema.CallToolResult clamped = client.callTool(new McpSchema.CallToolRequest(
                        "crm.update_customer_note", Map.of("id", 2, "note", "Called back, all fine.")));
                String text = ((McpSchema.TextContent) clamped.content().get(0)).text();
                assertThat(clamped.isError()).as(text).isFalse();
                assertThat(text).contains("Called back,").doesNotContain("all fine");
                var modified = GatewayEndToEndTestSupport.lastToolCall(gateway, "crm.update_customer_note");
                assertThat(modified.event().details().get("writes").toString())
                        .contains("modify").contains("/note truncated to 12 characters");

                McpSchema.CallToolResult denied = client.callTool(new McpSchema.CallToolRequest(
                        "crm.update_customer_note", Map.of("id", 2, "note", "see http://x")));
                String refusal = ((McpSchema.TextContent) denied.content().get(0)).text();
                assertThat(denied.isError()).isTrue();
                assertThat(refusal).contains("denied by write rule").contains("/note does not match");
                var record = GatewayEndToEndTestSupport.lastToolCall(gateway, "crm.update_customer_note");
                assertThat(record.event().reason()).startsWith("DENIED");
                assertThat(record.event().details().get("writes").toString()).contains("deny");

                McpSchema.CallToolResult read = client.callTool(new McpSchema.CallToolRequest("crm.get_customer",
                        Map.of("id", 2)));
                assertThat(((McpSchema.TextContent) read.content().get(0)).text())
                        .as("the refused note was never written").contains("Called back,").doesNotContain("http://x");
            }
        }
    }
}
