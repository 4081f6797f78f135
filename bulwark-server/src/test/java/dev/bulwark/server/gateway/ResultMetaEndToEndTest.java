package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.gateway.UpstreamGateway.Mount;
import dev.bulwark.testkit.JettyMcpUpstream;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result's {@code _meta} and its content blocks' {@code annotations} and {@code _meta} reach the client as the
 * upstream sent them, unless a guard changed them: exactly with spotlighting off, and beside the marked text with
 * the default guards; personal data in {@code _meta} is redacted like any text.
 */
class ResultMetaEndToEndTest {
    private static final McpSchema.Annotations FOR_USER = new McpSchema.Annotations(List.of(McpSchema.Role.USER), 0.7,
            "2026-12-07T12:00:00Z");
    private static final McpSchema.CallToolResult SENT = new McpSchema.CallToolResult(List.of(
            new McpSchema.TextContent(FOR_USER, "The report is ready.", Map.of("vendor.example/part", "1")),
            new McpSchema.ImageContent(null, "iVBORw0KGgo=", "image/png", Map.of("alt", "chart"))),
            false, null, Map.of("vendor.example/trace", "t-42", "contact", "ann.lee@example.com"));

    @Test
    void passesMetaAndAnnotationsThroughExactlyWhenNoGuardChangesThem(@TempDir Path data) throws Exception {
        McpSchema.CallToolResult clean = new McpSchema.CallToolResult(SENT.content(), false, null,
                Map.of("vendor.example/trace", "t-42"));
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(tool(clean)));
             Gateway gateway = UpstreamGateway.startForSupport(data, upstream, Mount.PLAIN);
             McpSyncClient client = UpstreamGateway.client(gateway, "meta-agent", "support")) {
            McpSchema.CallToolResult received = client.callTool(new McpSchema.CallToolRequest("up.report", Map.of()));

            assertThat(received.content()).isEqualTo(clean.content());
            assertThat(received.meta()).isEqualTo(clean.meta());
        }
    }

    @Test
    void keepsThemBesideSpotlightedTextAndRedactsPersonalDataInMeta(@TempDir Path data) throws Exception {
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(tool(SENT)));
             Gateway gateway = UpstreamGateway.startForSupport(data, upstream, Mount.GUARDED);
             McpSyncClient client = UpstreamGateway.client(gateway, "meta-agent", "support")) {
            McpSchema.CallToolResult received = client.callTool(new McpSchema.CallToolRequest("up.report", Map.of()));

            var text = (McpSchema.TextContent) received.content().getFirst();
            assertThat(text.text()).contains("The report is ready.").contains("untrusted");
            assertThat(text.annotations()).isEqualTo(FOR_USER);
            assertThat(text.meta()).isEqualTo(Map.of("vendor.example/part", "1"));
            assertThat(received.content().get(1)).isEqualTo(SENT.content().get(1));
            assertThat(received.meta()).containsEntry("vendor.example/trace", "t-42").containsKey("contact");
            assertThat((String) received.meta().get("contact")).doesNotContain("ann.lee@example.com");
        }
    }

    private static SyncToolSpecification tool(McpSchema.CallToolResult result) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name("report").description("A report.")
                .inputSchema(McpJsonDefaults.getMapper(), "{\"type\":\"object\"}").build();
        return SyncToolSpecification.builder().tool(tool).callHandler((ex, req) -> result).build();
    }
}
