package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.SandboxSettings;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * code.run through the whole gateway: policy decides it as an {@code execute} action, its output is screened by the
 * guards and spotlighted as untrusted, and its label joins the session.
 */
class SandboxEndToEndTest {
    @Test
    void codeRunIsDecidedByPolicyAndItsOutputIsScreenedAndLabelledUntrusted(@TempDir Path data) throws Exception {
        Path policies = data.resolve("policies");
        Policies.seed(policies);
        Files.writeString(policies.resolve("sandbox.cedar"), """
                @id("support-may-run-code")
                permit (principal in Bulwark::Role::"support", action == Bulwark::Action::"execute",
                        resource == Bulwark::Tool::"code.run");
                """);
        SandboxSettings sandbox = new SandboxSettings(true, null, null, null, null, null, 2, "5s", null, null, null,
                null, 8L << 20, null, null, null, null, null);
        BulwarkConfig config = BulwarkConfig.defaults().withDataDir(data.toString()).withPort(0).withSandbox(sandbox);
        try (Gateway gateway = Gateway.start(config)) {
            String support = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
            String intern = TestGateways.token(gateway, "intern-bot", gateway.demoCredentials().internBotKey());
            try (McpSyncClient client = TestGateways.client(gateway, support, null);
                 McpSyncClient other = TestGateways.client(gateway, intern, null)) {
                assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("code.run");
                assertThat(other.listTools().tools()).extracting(McpSchema.Tool::name).doesNotContain("code.run");
                McpSchema.CallToolResult denied = other.callTool(new McpSchema.CallToolRequest("code.run",
                        Map.of("code", "print(1)")));
                assertThat(denied.isError()).isTrue();

                Map<String, Object> note = Map.of("id", 2, "note", "Called back, all fine.");
                assertThat(client.callTool(new McpSchema.CallToolRequest("crm.update_customer_note", note))
                        .isError()).as("writing is allowed before untrusted output was seen").isFalse();
                McpSchema.CallToolResult run = client.callTool(new McpSchema.CallToolRequest("code.run", Map.of(
                        "language", "python",
                        "code", "print('sum', 40 + 2)\nprint('key AKIA' + 'IOSFODNN7EXAMPLE')")));
                String text = run.content().stream().map(c -> ((McpSchema.TextContent) c).text())
                        .reduce("", (a, b) -> a + "\n" + b);
                assertThat(run.isError()).as(text).isFalse();
                assertThat(text).contains("sum 42").doesNotContain("AKIAIOSFODNN7EXAMPLE")
                        .containsIgnoringCase("untrusted");
                McpSchema.CallToolResult after = client.callTool(new McpSchema.CallToolRequest(
                        "crm.update_customer_note", note));
                assertThat(after.isError()).as("the run's untrusted label joined the session").isTrue();
            }
            var record = GatewayEndToEndTestSupport.lastToolCall(gateway, "code.run");
            assertThat(record.event().toString()).doesNotContain("AKIAIOSFODNN7EXAMPLE");
        }
    }
}
