package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.GuardSettings;
import dev.bulwark.server.config.InjectionSettings;
import dev.bulwark.server.config.PolicySettings;
import dev.bulwark.server.config.UpstreamSettings;
import dev.bulwark.testkit.JettyMcpUpstream;
import dev.bulwark.testkit.McpTestTools;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an agent sees of an upstream's tools through the gateway is what the upstream declared, nothing invented. */
class UpstreamFidelityEndToEndTest {
    private static final McpSchema.ToolAnnotations FULL =
            new McpSchema.ToolAnnotations("Annotated title", true, false, true, false, null);
    private static final McpSchema.ToolAnnotations ONLY_DESTRUCTIVE =
            new McpSchema.ToolAnnotations(null, null, true, null, null, null);

    @Test
    void passesToolTitlesAndAnnotationsThroughExactlyAndInventsNone(@TempDir Path data) throws Exception {
        List<McpSchema.Tool> declared = List.of(
                declared("full", "Full tool", FULL),
                declared("partial", null, ONLY_DESTRUCTIVE),
                declared("bare", null, null));
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(declared.stream().map(t -> SyncToolSpecification
                .builder().tool(t).callHandler((ex, req) -> McpTestTools.text("ok")).build()).toList())) {
            try (Gateway gateway = Gateway.start(config(data, upstream.url().toString()));
                 McpSyncClient client = client(gateway)) {
                Map<String, McpSchema.Tool> seen = client.listTools().tools().stream()
                        .collect(Collectors.toMap(McpSchema.Tool::name, Function.identity()));
                assertThat(seen).containsOnlyKeys("up.full", "up.partial", "up.bare");
                for (McpSchema.Tool original : declared) {
                    McpSchema.Tool received = seen.get("up." + original.name());
                    assertThat(received.title()).as(original.name()).isEqualTo(original.title());
                    assertThat(received.annotations()).as(original.name()).isEqualTo(original.annotations());
                    assertThat(received.description()).isEqualTo(original.description());
                    assertThat(received.inputSchema()).isEqualTo(original.inputSchema());
                }
                // The kind still follows the read-only hint where no kind is configured: the hint passed through is
                // not what decides, the policy on the kind is.
                assertThat(gateway.tools().find("up.full").orElseThrow().kind().label()).isEqualTo("read");
                assertThat(gateway.tools().find("up.bare").orElseThrow().kind().label()).isEqualTo("write");
            }
        }
    }

    @Test
    void passesStructuredContentThroughUnchangedWhenNoGuardRewroteTheOutput(@TempDir Path data) throws Exception {
        McpSchema.CallToolResult sent = weather();
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(weatherTool(sent)));
             Gateway gateway = Gateway.start(config(data, upstream.url().toString(), "off"));
             McpSyncClient client = client(gateway)) {
            McpSchema.CallToolResult received = client.callTool(new McpSchema.CallToolRequest("up.weather", Map.of("text", "Oslo")));
            assertThat(received.content()).isEqualTo(sent.content());
            assertThat(received.structuredContent()).isEqualTo(sent.structuredContent());
            assertThat(received.isError()).isFalse();
        }
    }

    @Test
    void spotlightingMarksStringLeavesOfStructuredContentAndKeepsTheRest(@TempDir Path data) throws Exception {
        // Spotlighting (on by default) marks each string leaf; numbers, arrays and keys arrive as sent, and the text
        // mirror is the marked structure, so text and structure agree.
        McpSchema.CallToolResult sent = weather();
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(weatherTool(sent)));
             Gateway gateway = Gateway.start(config(data, upstream.url().toString(), null));
             McpSyncClient client = client(gateway)) {
            McpSchema.CallToolResult received = client.callTool(new McpSchema.CallToolRequest("up.weather", Map.of("text", "Oslo")));
            @SuppressWarnings("unchecked")
            Map<String, Object> structured = (Map<String, Object>) received.structuredContent();
            assertThat(structured).containsEntry("temperature", 21.5).containsEntry("hourly", List.of(1, 2));
            assertThat((String) structured.get("conditions")).contains("cloudy").contains("untrusted")
                    .isNotEqualTo("cloudy");
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            assertThat(json.readTree(((McpSchema.TextContent) received.content().getFirst()).text()))
                    .isEqualTo(json.valueToTree(structured));
        }
    }

    @Test
    void keepsEmbeddedResourcesAndResourceLinksAsSuchWhenNoGuardRewroteThem(@TempDir Path data) throws Exception {
        McpSchema.CallToolResult sent = McpSchema.CallToolResult.builder()
                .addContent(new McpSchema.TextContent("Two files:"))
                .addContent(new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents(
                        "file:///notes/a.md", "text/markdown", "# Notes")))
                .addContent(new McpSchema.EmbeddedResource(null, new McpSchema.BlobResourceContents(
                        "file:///img/b.png", "image/png", "iVBORw0KGgo=")))
                .addContent(new McpSchema.ResourceLink("c.csv", "Sales table", "file:///data/c.csv", "Quarterly figures",
                        "text/csv", 1234L, null, null))
                .isError(false).build();
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(McpTestTools.tool("files", "Files.",
                McpTestTools.OBJECT_WITH_TEXT, null, (ex, req) -> sent)));
             Gateway gateway = Gateway.start(config(data, upstream.url().toString(), "off"));
             McpSyncClient client = client(gateway)) {
            McpSchema.CallToolResult received = client.callTool(new McpSchema.CallToolRequest("up.files",
                    Map.of("text", "x")));
            assertThat(received.content()).isEqualTo(sent.content());
        }
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(McpTestTools.tool("files", "Files.",
                McpTestTools.OBJECT_WITH_TEXT, null, (ex, req) -> sent)));
             Gateway gateway = Gateway.start(config(data.resolve("spotlit"), upstream.url().toString(), null));
             McpSyncClient client = client(gateway)) {
            // Spotlighting marked the text: embedded resources keep their shape (URI and MIME type, screened by the
            // content guards) with the marked text; the link keeps its shape with marked name, title, description.
            McpSchema.CallToolResult received = client.callTool(new McpSchema.CallToolRequest("up.files",
                    Map.of("text", "x")));
            assertThat(received.content()).hasSize(4);
            var notes = (McpSchema.EmbeddedResource) received.content().get(1);
            assertThat(notes.resource().uri()).isEqualTo("file:///notes/a.md");
            assertThat(((McpSchema.TextResourceContents) notes.resource()).text()).contains("# Notes")
                    .contains("untrusted");
            assertThat(received.content().get(2)).isEqualTo(sent.content().get(2)); // binary: never marked
            var link = (McpSchema.ResourceLink) received.content().get(3);
            assertThat(link.uri()).isEqualTo("file:///data/c.csv");
            assertThat(link.mimeType()).isEqualTo("text/csv");
            assertThat(link.size()).isEqualTo(1234L);
            assertThat(link.title()).contains("Sales table").contains("untrusted");
            assertThat(link.description()).contains("Quarterly figures").contains("untrusted");
        }
    }

    @Test
    void piiMaskingRedactsTheStructuredLeafItself(@TempDir Path data) throws Exception {
        String json = "{\"owner\":\"alice.jones@example.com\"}";
        McpSchema.CallToolResult sent = McpSchema.CallToolResult.builder().addTextContent(json)
                .structuredContent(Map.of("owner", "alice.jones@example.com")).build();
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(McpTestTools.tool("owner", "Owner.",
                McpTestTools.OBJECT_WITH_TEXT, null, (ex, req) -> sent)));
             Gateway gateway = Gateway.start(config(data, upstream.url().toString(), "off"));
             McpSyncClient client = client(gateway)) {
            McpSchema.CallToolResult received = client.callTool(new McpSchema.CallToolRequest("up.owner",
                    Map.of("text", "x")));
            assertThat(((McpSchema.TextContent) received.content().getFirst()).text())
                    .doesNotContain("alice.jones@example.com");
            // The unmasked address must not come back through the structured copy: the leaf itself is masked.
            @SuppressWarnings("unchecked")
            Map<String, Object> structured = (Map<String, Object>) received.structuredContent();
            assertThat(structured).containsOnlyKeys("owner");
            assertThat((String) structured.get("owner")).doesNotContain("alice.jones@example.com");
        }
    }

    private static final String WEATHER_JSON = "{\"temperature\":21.5,\"conditions\":\"cloudy\",\"hourly\":[1,2]}";

    private static McpSchema.CallToolResult weather() {
        return McpSchema.CallToolResult.builder().addTextContent(WEATHER_JSON)
                .structuredContent(Map.of("temperature", 21.5, "conditions", "cloudy", "hourly", List.of(1, 2)))
                .isError(false).build();
    }

    private static SyncToolSpecification weatherTool(McpSchema.CallToolResult result) {
        return McpTestTools.tool("weather", "Current weather.", McpTestTools.OBJECT_WITH_TEXT, null,
                (ex, req) -> result);
    }

    private static McpSchema.Tool declared(String name, String title, McpSchema.ToolAnnotations annotations) {
        McpSchema.Tool.Builder tool = McpSchema.Tool.builder().name(name).title(title).description("The " + name + " tool.")
                .inputSchema(McpJsonDefaults.getMapper(), McpTestTools.OBJECT_WITH_TEXT);
        return annotations == null ? tool.build() : tool.annotations(annotations).build();
    }

    private static BulwarkConfig config(Path data, String upstreamUrl) throws Exception {
        return config(data, upstreamUrl, null);
    }

    private static BulwarkConfig config(Path data, String upstreamUrl, String spotlighting) throws Exception {
        Path policies = Files.createDirectories(data.resolve("policies"));
        Files.writeString(policies.resolve("up.cedar"), """
                @id("support-uses-upstream")
                permit (principal in Bulwark::Role::"support", action, resource in Bulwark::Connector::"up");
                """);
        return new BulwarkConfig(data.toString(), null, null, null, new PolicySettings(policies.toString(), null),
                null, null, List.of(new UpstreamSettings("up", upstreamUrl, null, null, Map.of(), null, "10s",
                "tofu")), null, new GuardSettings(null, new InjectionSettings(null, null, null, null, null,
                spotlighting)), null).withPort(0);
    }

    private static McpSyncClient client(Gateway gateway) throws Exception {
        String token = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(gateway.baseUrl())
                        .endpoint("/mcp")
                        .jsonMapper(new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper()))
                        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                        .build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
        return client;
    }
}
