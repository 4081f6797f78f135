package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.GuardSettings;
import dev.bulwark.server.config.InjectionSettings;
import dev.bulwark.server.config.PolicySettings;
import dev.bulwark.server.config.UpstreamSettings;
import dev.bulwark.testkit.JettyMcpUpstream;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
             Gateway gateway = Gateway.start(config(data, upstream, "off"));
             McpSyncClient client = client(gateway)) {
            McpSchema.CallToolResult received = client.callTool(new McpSchema.CallToolRequest("up.report", Map.of()));

            assertThat(received.content()).isEqualTo(clean.content());
            assertThat(received.meta()).isEqualTo(clean.meta());
        }
    }

    @Test
    void keepsThemBesideSpotlightedTextAndRedactsPersonalDataInMeta(@TempDir Path data) throws Exception {
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(tool(SENT)));
             Gateway gateway = Gateway.start(config(data, upstream, null));
             McpSyncClient client = client(gateway)) {
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

    private static BulwarkConfig config(Path data, JettyMcpUpstream upstream, String spotlighting) throws Exception {
        Path policies = Files.createDirectories(data.resolve("policies"));
        Files.writeString(policies.resolve("up.cedar"), """
                @id("support-uses-upstream")
                permit (principal in Bulwark::Role::"support", action, resource in Bulwark::Connector::"up");
                """);
        return new BulwarkConfig(data.toString(), null, null, null, new PolicySettings(policies.toString(), null),
                null, null, List.of(new UpstreamSettings("up", upstream.url().toString(), null, null, Map.of(), null,
                "10s", "tofu")), null, new GuardSettings(null, new InjectionSettings(null, null, null, null, null,
                spotlighting)), null).withPort(0);
    }

    private static McpSyncClient client(Gateway gateway) {
        var registration = gateway.identity().agents().register("meta-agent", "tests@example.com",
                Set.of("support"), Map.of());
        return TestGateways.client(gateway, TestGateways.token(gateway, "meta-agent",
                registration.apiKey().value()), null);
    }
}
