package dev.bulwark.connectors.mcp;

import static dev.bulwark.testkit.McpTestTools.text;
import static dev.bulwark.testkit.McpTestTools.tool;

import dev.bulwark.testkit.McpTestTools;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The connector tests' own upstream tools, beside the testkit's {@link McpTestTools}. */
final class TestUpstreamTools {
    private TestUpstreamTools() {}

    static SyncToolSpecification add() {
        return tool("add", "Adds two numbers.", """
                {"type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number"}}}""",
                McpSchema.ToolAnnotations.builder().readOnlyHint(true).build(), (exchange, request) -> {
                    double a = ((Number) request.arguments().get("a")).doubleValue();
                    double b = ((Number) request.arguments().get("b")).doubleValue();
                    return text(String.valueOf(a + b));
                });
    }

    /** Waits until {@code release} opens: stands for an upstream that does not answer in time. */
    static SyncToolSpecification hang(CountDownLatch release) {
        return tool("hang", "Never answers in time.", "{\"type\": \"object\"}", null, (exchange, request) -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return text("too late");
        });
    }

    /**
     * Answers every call with a JSON-RPC error of {@code code} and {@code message} instead of a result: stands for an
     * upstream that refuses a call at the protocol level while still offering the tool.
     */
    static SyncToolSpecification refusing(int code, String message) {
        return tool("refuse", "Refuses every call.", "{\"type\": \"object\"}", null, (exchange, request) -> {
            throw McpError.builder(code).message(message).build();
        });
    }

    /** Returns every kind of content and reports an error, to test conversion. */
    static SyncToolSpecification mixed() {
        return tool("mixed", "Returns mixed content.", "{\"type\": \"object\"}", null, (exchange, request) ->
                McpSchema.CallToolResult.builder()
                        .content(List.of(
                                new McpSchema.TextContent("plain"),
                                new McpSchema.ImageContent(null, "aW1hZ2U=", "image/png"),
                                new McpSchema.AudioContent(null, "YXVkaW8=", "audio/wav"),
                                new McpSchema.EmbeddedResource(null,
                                        new McpSchema.TextResourceContents("file:///a.txt", "text/plain", "inside")),
                                new McpSchema.EmbeddedResource(null,
                                        new McpSchema.BlobResourceContents("file:///b.bin", null, "YmxvYg=="))))
                        .isError(true)
                        .build());
    }

    /** Returns the value of an environment variable of the server process, or "(unset)". */
    static SyncToolSpecification env() {
        return tool("env", "Reads an environment variable.", """
                {"type": "object", "properties": {"name": {"type": "string"}}}""", null, (exchange, request) -> {
                    String value = System.getenv(String.valueOf(request.arguments().get("name")));
                    return text(value == null ? "(unset)" : value);
                });
    }

    /** Returns {@code chars} characters of text. */
    static SyncToolSpecification big(int chars) {
        return tool("big", "Returns a lot of text.", "{\"type\": \"object\"}", null,
                (exchange, request) -> text("x".repeat(chars)));
    }

    /** A tool with the given description and input schema, to test the size bounds of definitions. */
    static SyncToolSpecification defined(String name, String description, String schema) {
        return tool(name, description, schema, null, (exchange, request) -> text("defined " + name));
    }

    static SyncToolSpecification named(String name) {
        return tool(name, "A tool with an unusual name.", "{\"type\": \"object\"}", null,
                (exchange, request) -> text("named " + name));
    }

    static Map<String, Object> args(Object... keyValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
