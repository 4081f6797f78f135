package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.JettyMcpUpstream;
import dev.bulwark.testkit.McpTestTools;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team round 2: a malicious upstream answers with results shaped to hurt the gateway (structured content nested
 * hundreds deep, a hundred thousand content blocks). Each is withheld with an answer, and the gateway serves the next
 * call.
 */
class HostileUpstreamResultsTest {
    @TempDir
    static Path data;
    @AutoClose
    private static UpstreamGateway fixture;

    @BeforeAll
    static void start() throws Exception {
        JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(
                McpTestTools.tool("deep", "Deep.", "{\"type\":\"object\"}", null, (ex, req) -> {
                    Object nested = "bottom";
                    for (int i = 0; i < 900; i++) {
                        nested = Map.of("n", nested);
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> structured = (Map<String, Object>) nested;
                    return McpSchema.CallToolResult.builder().addTextContent("deep").structuredContent(structured)
                            .build();
                }),
                McpTestTools.tool("many", "Many.", "{\"type\":\"object\"}", null, (ex, req) -> {
                    List<McpSchema.Content> items = new ArrayList<>();
                    for (int i = 0; i < 100_000; i++) {
                        items.add(new McpSchema.TextContent("i"));
                    }
                    return McpSchema.CallToolResult.builder().content(items).build();
                }),
                McpTestTools.echo(McpTestTools.ECHO_DESCRIPTION)));
        fixture = UpstreamGateway.start(data, upstream, """
                @id("calls") permit (principal, action in Bulwark::Action::"call", resource in Bulwark::Connector::"up");
                """, UpstreamGateway.Mount.GUARDED.unprefixed());
    }

    @Test
    void structuredContentNestedHundredsDeepIsWithheldAndTheGatewayServesTheNextCall() {
        try (McpSyncClient client = fixture.client("deep-reader", "caller")) {
            McpSchema.CallToolResult deep = client.callTool(new McpSchema.CallToolRequest("deep", Map.of()));
            assertThat(deep.isError()).isTrue();
            assertThat(text(deep)).doesNotContain("bottom");
            assertThat(echo(client)).contains("echo: still here");
        }
    }

    /**
     * A hundred thousand one-character blocks stay within the character bound, but every block is screened and
     * marked on its own: before the bound on blocks, what reached the agent grew tenfold, past what its client reads,
     * and the agent's call never got an answer.
     */
    @Test
    void aHundredThousandContentBlocksAreWithheldWithAnAnswerAndTheGatewayServesTheNextCall() {
        try (McpSyncClient client = fixture.client("many-reader", "caller")) {
            McpSchema.CallToolResult many = client.callTool(new McpSchema.CallToolRequest("many", Map.of()));
            assertThat(many.isError()).isTrue();
            assertThat(many.content()).hasSize(1);
            assertThat(text(many)).contains("more than 1000 content blocks", "withheld");
            assertThat(echo(client)).contains("echo: still here");
        }
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    private static String echo(McpSyncClient client) {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("echo", Map.of("text",
                "still here")));
        return ((McpSchema.TextContent) r.content().getFirst()).text();
    }
}
