package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.gateway.UpstreamGateway.Mount;
import dev.bulwark.testkit.ForwardingMcpJsonMapper;
import dev.bulwark.testkit.JettyMcpUpstream;
import dev.bulwark.testkit.McpTestTools;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tool's {@code execution} (task support), which the SDK's tool record cannot hold, reaches agents as the upstream
 * declared it, read from the raw JSON on both sides; hostile values never do.
 */
class ToolExecutionEndToEndTest {
    @Test
    void listsEachToolWithTheExecutionItsUpstreamDeclaredAndNoneInvented(@TempDir Path data) throws Exception {
        JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(McpTestTools.echo("Echoes."), tool("report"),
                tool("survey"), tool("plain")));
        upstream.declareToolField("report", "execution", Map.of("taskSupport", "required"));
        upstream.declareToolField("survey", "execution", Map.of());
        upstream.declareToolField("echo", "execution", Map.of("taskSupport", "optional"));
        try (UpstreamGateway fixture = UpstreamGateway.start(data, upstream, UpstreamGateway.SUPPORT_USES_UPSTREAM,
                Mount.PLAIN); Listing listing = Listing.of(fixture, "support")) {
            Map<String, Map<String, Object>> listed = listing.tools();
            assertThat(listed).containsOnlyKeys("up.echo", "up.report", "up.survey", "up.plain");
            assertThat(listed.get("up.report").get("execution")).isEqualTo(Map.of("taskSupport", "required"));
            assertThat(listed.get("up.echo").get("execution")).isEqualTo(Map.of("taskSupport", "optional"));
            assertThat(listed.get("up.survey").get("execution")).isEqualTo(Map.of());
            assertThat(listed.get("up.plain")).doesNotContainKey("execution");
            // The gateway does not offer tasks, so a client calls every tool plainly; a tool that merely allows tasks
            // still answers such a call.
            assertThat(listing.client().callTool(new McpSchema.CallToolRequest("up.echo", Map.of("text", "hi")))
                    .isError()).isFalse();
        }
    }

    @Test
    void listsToolsWithHostileExecutionsWithoutThemAndWarnsTheAdministrator(@TempDir Path data) throws Exception {
        JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(tool("wrongtype"), tool("unknown"),
                tool("extra"), tool("huge"), tool("deep")));
        Map<String, Object> huge = new HashMap<>();
        IntStream.range(0, 20_000).forEach(i -> huge.put("k" + i, "SECRET-" + i));
        Object deep = "required";
        for (int i = 0; i < 200; i++) {
            deep = Map.of("taskSupport", deep);
        }
        upstream.declareToolField("wrongtype", "execution", List.of("required"));
        upstream.declareToolField("unknown", "execution", Map.of("taskSupport", "always; SECRET instructions"));
        upstream.declareToolField("extra", "execution", Map.of("taskSupport", "optional", "SECRET", true));
        upstream.declareToolField("huge", "execution", huge);
        upstream.declareToolField("deep", "execution", deep);
        try (UpstreamGateway fixture = UpstreamGateway.start(data, upstream, UpstreamGateway.SUPPORT_USES_UPSTREAM,
                Mount.PLAIN); Listing listing = Listing.of(fixture, "support")) {
            Map<String, Map<String, Object>> listed = listing.tools();
            assertThat(listed).containsOnlyKeys("up.wrongtype", "up.unknown", "up.extra", "up.huge", "up.deep");
            assertThat(listed.values()).allSatisfy(t -> assertThat(t).doesNotContainKey("execution"));
            List<String> warnings = fixture.gateway().upstreams().find("up").orElseThrow().status().warnings();
            assertThat(warnings).hasSize(5).allSatisfy(w -> assertThat(w).contains("execution left out")
                    .doesNotContain("SECRET"));
        }
    }

    private static io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification tool(String name) {
        return io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name(name).description("Tool " + name + ".")
                        .inputSchema(McpJsonDefaults.getMapper(), "{\"type\":\"object\"}").build())
                .callHandler((exchange, request) -> McpTestTools.text(name)).build();
    }

    /** An agent's client that also keeps the raw JSON of the last {@code tools/list} result it read. */
    private record Listing(McpSyncClient client, AtomicReference<Object> raw) implements AutoCloseable {
        static Listing of(UpstreamGateway fixture, String role) {
            AtomicReference<Object> raw = new AtomicReference<>();
            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                    .builder(fixture.gateway().localUrl()).endpoint("/mcp")
                    .jsonMapper(new RawListings(McpJsonDefaults.getMapper(), raw))
                    .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + fixture.token(role)))
                    .build();
            McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
            client.initialize();
            return new Listing(client, raw);
        }

        /** The tools listed, by name, each as the raw JSON object the gateway sent. */
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> tools() {
            client.listTools();
            Map<String, Object> result = (Map<String, Object>) raw.get();
            List<Map<String, Object>> tools = (List<Map<String, Object>>) result.get("tools");
            return tools.stream().collect(Collectors.toMap(t -> (String) t.get("name"), t -> t));
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** The SDK's mapper, noting each raw tree it converts into a tools/list result. */
    private static final class RawListings extends ForwardingMcpJsonMapper {
        private final AtomicReference<Object> raw;

        RawListings(McpJsonMapper delegate, AtomicReference<Object> raw) {
            super(delegate);
            this.raw = raw;
        }

        @Override
        public <T> T convertValue(Object from, TypeRef<T> type) {
            if (type.getType() == McpSchema.ListToolsResult.class) {
                raw.set(from);
            }
            return delegate.convertValue(from, type);
        }

        @Override
        public <T> T convertValue(Object from, Class<T> type) {
            if (type == McpSchema.ListToolsResult.class) {
                raw.set(from);
            }
            return delegate.convertValue(from, type);
        }
    }
}
