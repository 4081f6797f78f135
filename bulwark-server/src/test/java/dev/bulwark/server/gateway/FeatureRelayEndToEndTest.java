package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.testkit.JettyMcpUpstream;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream that samples the agent's model while it answers {@code resources/read} and {@code prompts/get}: relayed
 * through the real gateway as during a tool call, only when policy permits it for the read's principal, and audited
 * under the feature tool either way.
 */
class FeatureRelayEndToEndTest {
    private static final String ASKING = "note://public/asking";
    @TempDir
    static Path data;
    @AutoClose
    private static UpstreamGateway fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = UpstreamGateway.start(data, JettyMcpUpstream.start(List.of(), spec -> spec
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).resources(false, false).prompts(false)
                        .build())
                .resources(new McpServerFeatures.SyncResourceSpecification(new McpSchema.Resource(ASKING, "asking",
                        null, null, null, null, null, null), (ex, req) -> new McpSchema.ReadResourceResult(List.of(
                        new McpSchema.TextResourceContents(req.uri(), "text/plain", sample(ex))))))
                .prompts(new McpServerFeatures.SyncPromptSpecification(new McpSchema.Prompt("asking", "asks",
                        List.of()), (ex, req) -> new McpSchema.GetPromptResult(null, List.of(
                        new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(sample(ex)))))))),
                """
                @id("reads")
                permit (principal, action in Bulwark::Action::"call", resource in Bulwark::Connector::"up");
                @id("support-may-be-asked")
                permit (principal in Bulwark::Role::"support", action in Bulwark::Action::"relay",
                        resource in Bulwark::Connector::"up");
                """, UpstreamGateway.Mount.PLAIN);
    }

    @Test
    void aPermittedClientIsSampledDuringAReadAndAPromptGetAudited() {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client("support", asked)) {
            assertThat(read(client)).isEqualTo("model said: echo hello");
            McpSchema.GetPromptResult prompt = client.getPrompt(new McpSchema.GetPromptRequest("up.asking", Map.of()));
            assertThat(((McpSchema.TextContent) prompt.messages().getFirst().content()).text())
                    .isEqualTo("model said: echo hello");
            assertThat(asked).containsExactly("hello", "hello");
        }
        assertThat(sampled()).filteredOn(r -> r.event().outcome() == Outcome.SUCCEEDED)
                .extracting(r -> r.event().details().get("tool"))
                .contains("up.resources/read", "up.prompts/get");
    }

    @Test
    void aClientWhosePrincipalMayNotBeAskedIsNeverAskedAndTheRefusalIsAudited() {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client("reader", asked)) {
            // the upstream is refused (-32600) and says so in what it returns; the read itself is permitted
            assertThat(read(client)).isEqualTo("refused -32600");
            assertThat(asked).isEmpty();
        }
        assertThat(sampled()).anySatisfy(r -> {
            assertThat(r.event().outcome()).isEqualTo(Outcome.DENIED);
            assertThat(r.event().details()).containsEntry("tool", "up.resources/read");
        });
    }

    private static String sample(McpSyncServerExchange exchange) {
        try {
            return "model said: " + ((McpSchema.TextContent) exchange.createMessage(McpSchema.CreateMessageRequest
                    .builder().messages(List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER,
                            new McpSchema.TextContent("hello")))).maxTokens(10).build()).content()).text();
        } catch (McpError e) {
            return "refused " + e.getJsonRpcError().code();
        }
    }

    private static String read(McpSyncClient client) {
        McpSchema.ReadResourceResult result = client.readResource(new McpSchema.ReadResourceRequest(ASKING));
        return ((McpSchema.TextResourceContents) result.contents().getFirst()).text();
    }

    private static List<AuditRecord> sampled() {
        return fixture.gateway().auditLog().tail(200).stream().filter(r -> r.event().type() == AuditEventType.RELAY)
                .filter(r -> r.event().action().equals("relay.sampling")).toList();
    }

    private static McpSyncClient client(String role, List<String> asked) {
        McpClient.SyncSpec spec = fixture.clientSpec(role)
                .capabilities(McpSchema.ClientCapabilities.builder().sampling().build())
                .sampling(request -> {
                    String prompt = ((McpSchema.TextContent) request.messages().getFirst().content()).text();
                    asked.add(prompt);
                    return new McpSchema.CreateMessageResult(McpSchema.Role.ASSISTANT,
                            new McpSchema.TextContent("echo " + prompt), "test-model",
                            McpSchema.CreateMessageResult.StopReason.END_TURN);
                });
        McpSyncClient client = spec.build();
        client.initialize();
        return client;
    }
}
