package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.Outcome;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the gateway on its embedded defaults and drives it with the official MCP Java SDK client. */
class GatewayEndToEndTest {
    @TempDir
    static Path data;
    static Gateway gateway;
    static String supportToken;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateways.start(data);
        supportToken = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void supportAgentSeesOnlyTheToolsPolicyLetsItCall() {
        try (McpSyncClient client = TestGateways.client(gateway, supportToken, null)) {
            List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).sorted().toList();
            assertThat(names).containsExactly("crm.find_customers", "crm.get_customer", "crm.update_customer_note",
                    "docs.search", "sales.query", "sales.read_customers");
        }
    }

    @Test
    void agentWithoutRolesSeesNoTools() {
        String intern = TestGateways.token(gateway, "intern-bot", gateway.demoCredentials().internBotKey());
        try (McpSyncClient client = TestGateways.client(gateway, intern, null)) {
            assertThat(client.listTools().tools()).isEmpty();
        }
    }

    @Test
    void allowedCallReturnsDataAndIsAudited() {
        try (McpSyncClient client = TestGateways.client(gateway, supportToken, null)) {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("crm.get_customer",
                    Map.of("id", 1)));
            assertThat(result.isError()).isFalse();
            assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("\"rows\":[[1,");
        }
        AuditRecord last = lastToolCall("crm.get_customer");
        assertThat(last.event().outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(last.event().agentId()).isEqualTo("support-bot");
        assertThat(last.event().reason()).contains("crm-support-read");
    }

    @Test
    void deniedCallIsAnErrorResultNamingThePolicyAndIsAudited() {
        try (McpSyncClient client = TestGateways.client(gateway, supportToken, null)) {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("crm.delete_customer",
                    Map.of("id", 2)));
            assertThat(result.isError()).isTrue();
            assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("crm-no-delete");
        }
        AuditRecord last = lastToolCall("crm.delete_customer");
        assertThat(last.event().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(last.event().reason()).contains("crm-no-delete");
    }

    @Test
    void invalidArgumentsAreAJsonRpcInvalidParamsError() {
        try (McpSyncClient client = TestGateways.client(gateway, supportToken, null)) {
            assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("crm.get_customer",
                    Map.of("id", "not a number"))))
                    .isInstanceOf(McpError.class)
                    .satisfies(e -> assertThat(((McpError) e).getJsonRpcError().code())
                            .isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS));
        }
        assertThat(lastToolCall("crm.get_customer").event().reason()).contains("INVALID_ARGUMENTS");
    }

    @Test
    void unknownToolIsAnErrorAndIsAudited() {
        long before = gateway.auditLog().tail(1).get(0).sequence();
        try (McpSyncClient client = TestGateways.client(gateway, supportToken, null)) {
            assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("crm.drop_everything", Map.of())))
                    .isInstanceOf(McpError.class);
        }
        assertThat(gateway.auditLog().tail(20)).anySatisfy(r -> {
            assertThat(r.sequence()).isGreaterThan(before);
            assertThat(r.event().type()).isEqualTo(AuditEventType.TOOL_CALL);
            assertThat(r.event().reason()).isEqualTo("UNKNOWN_TOOL");
            assertThat(r.event().details()).containsEntry("tool", "crm.drop_everything");
        });
    }

    @Test
    void olderProtocolVersionsStillWork() {
        for (String version : List.of("2025-03-26", "2025-06-18", "2025-11-25")) {
            try (McpSyncClient client = TestGateways.client(gateway, supportToken, List.of(version))) {
                assertThat(client.getCurrentInitializationResult().protocolVersion()).isEqualTo(version);
                assertThat(client.listTools().tools()).isNotEmpty();
            }
        }
    }

    @Test
    void auditChainVerifiesAfterTraffic() {
        try (McpSyncClient client = TestGateways.client(gateway, supportToken, null)) {
            client.callTool(new McpSchema.CallToolRequest("crm.find_customers", Map.of("limit", 2)));
        }
        assertThat(gateway.auditLog().verify().intact()).isTrue();
    }

    static AuditRecord lastToolCall(String action) {
        return GatewayEndToEndTestSupport.lastToolCall(gateway, action);
    }
}
