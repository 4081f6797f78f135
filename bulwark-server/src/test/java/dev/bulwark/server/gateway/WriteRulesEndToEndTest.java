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
                // the answer shows the row as row security lets support-bot see it (notes redacted): read the CRM
                assertThat(storedNote(gateway, 2)).isEqualTo("Called back,");
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

                assertThat(storedNote(gateway, 2)).as("the refused note was never written").isEqualTo("Called back,");
            }
        }
    }

    private static String storedNote(Gateway gateway, long customerId) throws java.sql.SQLException {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + gateway.config().dataPath().resolve("crm.db"));
             var select = connection.prepareStatement("SELECT notes FROM customers WHERE id = ?")) {
            select.setLong(1, customerId);
            try (var rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
