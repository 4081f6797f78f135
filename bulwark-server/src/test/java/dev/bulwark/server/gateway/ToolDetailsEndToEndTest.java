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
 * A tool's output schema, {@code _meta} and icons reach agents exactly as the upstream declared them; structured results
 * of schema tools keep their structure under default spotlighting (see {@code StructuredContentEndToEndTest}).
 */
class ToolDetailsEndToEndTest {
    private static final Map<String, Object> OUTPUT_SCHEMA = Map.of("type", "object",
            "properties", Map.of("temperature", Map.of("type", "number")), "required", List.of("temperature"));
    private static final Map<String, Object> META = Map.of("vendor.example/region", "eu", "nested", Map.of("a", 1));
    private static final List<McpSchema.Icon> ICONS = List.of(
            new McpSchema.Icon("https://icons.example/weather.png", "image/png", List.of("48x48"), "light"),
            new McpSchema.Icon("data:image/svg+xml;base64,PHN2Zy8+", "image/svg+xml", null, null));
    private static final McpSchema.CallToolResult RESULT = McpSchema.CallToolResult.builder()
            .addTextContent("{\"temperature\":21.5}").structuredContent(Map.of("temperature", 21.5))
            .isError(false).build();

    @Test
    void passesOutputSchemaMetaAndIconsThroughExactly(@TempDir Path data) throws Exception {
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(weather(ICONS),
                weatherNamed("plain", null)));
             Gateway gateway = UpstreamGateway.startForSupport(data, upstream, Mount.PLAIN.unprefixed());
             McpSyncClient client = UpstreamGateway.client(gateway, "details-agent", "support")) {
            Map<String, McpSchema.Tool> seen = byName(client);
            McpSchema.Tool weather = seen.get("weather");
            assertThat(weather.outputSchema()).isEqualTo(OUTPUT_SCHEMA);
            assertThat(weather.meta()).isEqualTo(META);
            assertThat(weather.icons()).isEqualTo(ICONS);
            McpSchema.Tool plain = seen.get("plain");
            assertThat(plain.outputSchema()).isNull();
            assertThat(plain.meta()).isNull();
            assertThat(plain.icons()).isNull();

            McpSchema.CallToolResult received = client.callTool(new McpSchema.CallToolRequest("weather", Map.of()));
            assertThat(received.isError()).isFalse();
            assertThat(received.structuredContent()).isEqualTo(RESULT.structuredContent());
            assertThat(received.content()).isEqualTo(RESULT.content());
        }
    }

    @Test
    void leavesOutIconsWhoseSourceAClientShouldNotFetch(@TempDir Path data) throws Exception {
        List<McpSchema.Icon> tracking = List.of(ICONS.getFirst(),
                new McpSchema.Icon("http://tracker.example/pixel.gif", null, null, null));
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(weather(tracking)));
             Gateway gateway = UpstreamGateway.startForSupport(data, upstream, Mount.PLAIN.unprefixed());
             McpSyncClient client = UpstreamGateway.client(gateway, "details-agent", "support")) {
            McpSchema.Tool weather = byName(client).get("weather");
            assertThat(weather.icons()).isNull();
            assertThat(weather.outputSchema()).isEqualTo(OUTPUT_SCHEMA);
        }
    }

    @Test
    void keepsTheStructuredResultOfASchemaToolUnderDefaultSpotlighting(@TempDir Path data) throws Exception {
        // Spotlighting (the default) marks string leaves of structured content; a structure of numbers has none, so
        // it arrives as sent and conforms to the schema.
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(weather(ICONS), weatherNamed("plain", null)));
             Gateway gateway = UpstreamGateway.startForSupport(data, upstream, Mount.GUARDED.unprefixed());
             McpSyncClient client = UpstreamGateway.client(gateway, "details-agent", "support")) {
            McpSchema.CallToolResult received = client.callTool(new McpSchema.CallToolRequest("weather", Map.of()));
            assertThat(received.isError()).isFalse();
            assertThat(received.structuredContent()).isEqualTo(RESULT.structuredContent());

            // A tool without a schema keeps its successful, spotlighted result.
            McpSchema.CallToolResult plain = client.callTool(new McpSchema.CallToolRequest("plain", Map.of()));
            assertThat(plain.isError()).isFalse();
            assertThat(plain.content()).hasSize(1);
            assertThat(((McpSchema.TextContent) plain.content().getFirst()).text()).contains("untrusted");
        }
    }

    private static SyncToolSpecification weather(List<McpSchema.Icon> icons) {
        return weatherNamed("weather", icons);
    }

    private static SyncToolSpecification weatherNamed(String name, List<McpSchema.Icon> icons) {
        McpSchema.Tool.Builder tool = McpSchema.Tool.builder().name(name).description("Current weather.")
                .inputSchema(McpJsonDefaults.getMapper(), "{\"type\":\"object\"}");
        if (icons != null) {
            tool.outputSchema(OUTPUT_SCHEMA).meta(META).icons(icons);
        }
        return SyncToolSpecification.builder().tool(tool.build()).callHandler((ex, req) -> icons != null ? RESULT
                : McpSchema.CallToolResult.builder().addTextContent("{\"temperature\":21.5}").isError(false).build())
                .build();
    }

    private static Map<String, McpSchema.Tool> byName(McpSyncClient client) {
        return client.listTools().tools().stream().collect(java.util.stream.Collectors.toMap(McpSchema.Tool::name,
                t -> t));
    }
}
