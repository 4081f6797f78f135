package dev.bulwark.bench;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;

/** SDK clients for the load harness: one MCP session each, optionally carrying a bearer token. */
final class McpClients {
    private McpClients() {}

    /** Connects and initialises a client; {@code bearer} may be {@code null} for the unauthenticated upstream. */
    static McpSyncClient connect(String baseUrl, String bearer) {
        HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport.builder(baseUrl)
                .endpoint("/mcp")
                .connectTimeout(Duration.ofSeconds(10));
        if (bearer != null) {
            transport.httpRequestCustomizer((request, method, uri, body, context) ->
                    request.header("Authorization", "Bearer " + bearer));
        }
        McpSyncClient client = McpClient.sync(transport.build())
                .requestTimeout(Duration.ofSeconds(30))
                .clientInfo(new McpSchema.Implementation("bulwark-bench", "0.1.0"))
                .build();
        client.initialize();
        return client;
    }

    /**
     * Calls {@code tool} with {@code text}; fails unless the answer is the echo of that text, alone (direct) or as
     * the one line between the gateway's spotlighting delimiters (upstream output is untrusted).
     */
    static void echo(McpSyncClient client, String tool, String text) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, Map.of("text", text)));
        String expected = "echo: " + text;
        if (Boolean.TRUE.equals(result.isError()) || result.content().isEmpty()
                || !(result.content().getFirst() instanceof McpSchema.TextContent t)
                || !(t.text().equals(expected) || t.text().contains(">>\n" + expected + "\n<</untrusted-"))) {
            throw new IllegalStateException(tool + " answered unexpectedly: " + result);
        }
    }
}
