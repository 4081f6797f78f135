package dev.bulwark.testkit;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.function.BiFunction;

/** Tools and resources for the upstream MCP servers of tests; each answers in text, as most real ones do. */
public final class McpTestTools {
    public static final String ECHO_DESCRIPTION = "Echoes the given text.";
    public static final String OBJECT_WITH_TEXT = """
            {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}""";

    private McpTestTools() {}

    /** {@code echo}: answers {@code "echo: " + text}. */
    public static SyncToolSpecification echo(String description) {
        return tool("echo", description, OBJECT_WITH_TEXT, null, (exchange, request) ->
                text("echo: " + request.arguments().get("text")));
    }

    /** {@code slow}: reports three steps of progress when the caller asked for progress, then answers "done". */
    public static SyncToolSpecification slow() {
        return tool("slow", "Works in three steps.", "{\"type\": \"object\"}", null, (exchange, request) -> {
            Object token = request.progressToken();
            if (token != null) {
                for (int step = 1; step <= 3; step++) {
                    exchange.progressNotification(new McpSchema.ProgressNotification(token, step, 3.0,
                            "step " + step));
                }
            }
            return text("done");
        });
    }

    /** A tool from its JSON input schema; {@code annotations} may be null. */
    public static SyncToolSpecification tool(String name, String description, String inputSchema,
            McpSchema.ToolAnnotations annotations,
            BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> handler) {
        McpSchema.Tool.Builder tool = McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(McpJsonDefaults.getMapper(), inputSchema);
        if (annotations != null) {
            tool.annotations(annotations);
        }
        return SyncToolSpecification.builder().tool(tool.build()).callHandler(handler).build();
    }

    /** A resource at {@code uri} of {@code text/plain} holding {@code body}, named after the last segment of its URI. */
    public static SyncResourceSpecification textResource(String uri, String body) {
        McpSchema.Resource resource = new McpSchema.Resource(uri, uri.substring(uri.lastIndexOf('/') + 1), null, null,
                null, null, null, null);
        return new SyncResourceSpecification(resource, (exchange, request) -> new McpSchema.ReadResourceResult(
                List.of(new McpSchema.TextResourceContents(request.uri(), "text/plain", body))));
    }

    /** A successful result holding one text. */
    public static McpSchema.CallToolResult text(String text) {
        return McpSchema.CallToolResult.builder().addTextContent(text).isError(false).build();
    }
}
