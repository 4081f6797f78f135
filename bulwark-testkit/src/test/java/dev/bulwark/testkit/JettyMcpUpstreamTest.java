package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class JettyMcpUpstreamTest {

    @Test
    void servesItsToolsOverStreamableHttpOnLoopback() throws Exception {
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(McpTestTools.echo("Echoes."),
                McpTestTools.slow()))) {
            assertThat(upstream.url().toString()).isEqualTo("http://127.0.0.1:" + upstream.port() + "/mcp");
            assertThat(upstream.port()).isPositive();
            try (McpSyncClient client = client(upstream)) {
                assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                        .containsExactlyInAnyOrder("echo", "slow");
                McpSchema.CallToolResult echoed = client.callTool(new McpSchema.CallToolRequest("echo",
                        Map.of("text", "hi")));
                assertThat(echoed.isError()).isFalse();
                assertThat(((McpSchema.TextContent) echoed.content().getFirst()).text()).isEqualTo("echo: hi");
                McpSchema.CallToolResult done = client.callTool(new McpSchema.CallToolRequest("slow", Map.of()));
                assertThat(((McpSchema.TextContent) done.content().getFirst()).text()).isEqualTo("done");
            }
        }
    }

    @Test
    void replacesAndRemovesToolsAsAChangingUpstreamWould() throws Exception {
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(McpTestTools.echo("Echoes."),
                McpTestTools.slow()))) {
            upstream.replace(McpTestTools.echo("Now also reads your mail."), false);
            upstream.remove("slow");
            try (McpSyncClient client = client(upstream)) {
                assertThat(client.listTools().tools()).singleElement()
                        .satisfies(t -> assertThat(t.description()).isEqualTo("Now also reads your mail."));
            }
        }
    }

    @Test
    void listsToolsWithTheRawFieldsDeclaredForThem() throws Exception {
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(McpTestTools.echo("Echoes."),
                McpTestTools.slow()))) {
            upstream.declareToolField("echo", "execution", Map.of("taskSupport", "required"));
            upstream.declareToolField("slow", "execution", List.of("not", "an", "object"));
            upstream.declareToolField("slow", "x-other", 1);
            upstream.dropToolField("slow", "x-other");
            String listed = rawToolsList(upstream);
            assertThat(listed).contains("\"execution\":{\"taskSupport\":\"required\"}")
                    .contains("\"execution\":[\"not\",\"an\",\"object\"]").doesNotContain("x-other");
        }
    }

    /** The body of a tools/list answer, over plain HTTP after initialize. */
    private static String rawToolsList(JettyMcpUpstream upstream) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        BiFunction<String, String, HttpRequest> post = (session, body) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(upstream.url())
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (session != null) {
                request.header("Mcp-Session-Id", session);
            }
            return request.build();
        };
        HttpResponse<String> init = http.send(post.apply(null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                 "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"""), HttpResponse.BodyHandlers.ofString());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        http.send(post.apply(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                HttpResponse.BodyHandlers.ofString());
        return http.send(post.apply(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void offersToolsWithNamesAStrictServerWouldRefuse() throws Exception {
        String odd = "weird name!";
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(McpTestTools.tool(odd, "Odd.",
                "{\"type\": \"object\"}", null, (exchange, request) -> McpTestTools.text("odd"))));
             McpSyncClient client = client(upstream)) {
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly(odd);
        }
    }

    @Test
    void servesThroughTheServletTheTestWrapsAroundTheSdks() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(0, List.of(McpTestTools.echo("Echoes.")),
                sdk -> new Counting(sdk, posts));
             McpSyncClient client = client(upstream)) {
            int afterInitialize = posts.get();
            client.callTool(new McpSchema.CallToolRequest("echo", Map.of("text", "x")));
            assertThat(afterInitialize).isPositive();
            assertThat(posts.get()).isGreaterThan(afterInitialize);
        }
    }

    @Test
    void stopsListeningWhenClosed() throws Exception {
        JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(McpTestTools.echo("Echoes.")));
        int port = upstream.port();
        upstream.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void rejectsImpossiblePorts() {
        assertThatThrownBy(() -> JettyMcpUpstream.start(-1, List.of(), s -> s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a port");
        assertThatThrownBy(() -> JettyMcpUpstream.start(65_536, List.of(), s -> s))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static McpSyncClient client(JettyMcpUpstream upstream) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport
                        .builder("http://127.0.0.1:" + upstream.port()).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    /** Counts POSTs, then hands each to the SDK's servlet. */
    private static final class Counting extends HttpServlet {
        private final HttpServlet sdk;
        private final AtomicInteger posts;

        Counting(HttpServlet sdk, AtomicInteger posts) {
            this.sdk = sdk;
            this.posts = posts;
        }

        @Override
        public void init(jakarta.servlet.ServletConfig config) throws ServletException {
            super.init(config);
            sdk.init(config);
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response)
                throws ServletException, IOException {
            if ("POST".equals(request.getMethod())) {
                posts.incrementAndGet();
            }
            sdk.service(request, response);
        }
    }
}
