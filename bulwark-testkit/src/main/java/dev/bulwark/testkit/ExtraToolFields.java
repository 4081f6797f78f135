package dev.bulwark.testkit;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test upstream's JSON mapper: the SDK's, except that {@code tools/list} results carry the raw fields set here,
 * which the SDK's tool record cannot hold (e.g. {@code execution}), exactly as given, hostile values included. So an
 * upstream on a newer MCP revision than the SDK, or a malicious one, can be played.
 */
final class ExtraToolFields extends ForwardingMcpJsonMapper {
    private static final TypeRef<Map<String, Object>> OBJECT = new TypeRef<>() { };
    private final Map<String, Map<String, Object>> byTool = new ConcurrentHashMap<>();

    ExtraToolFields(McpJsonMapper delegate) {
        super(delegate);
    }

    /** Writes {@code field} with {@code raw} (maps, lists, strings, numbers, booleans) into {@code tool}'s listing. */
    void set(String tool, String field, Object raw) {
        byTool.computeIfAbsent(tool, t -> new ConcurrentHashMap<>()).put(field, raw);
    }

    void remove(String tool, String field) {
        Map<String, Object> fields = byTool.get(tool);
        if (fields != null) {
            fields.remove(field);
        }
    }

    private Object withFields(Object value) {
        if (byTool.isEmpty() || !(value instanceof McpSchema.JSONRPCResponse response)
                || !(response.result() instanceof McpSchema.ListToolsResult listed)) {
            return value;
        }
        Map<String, Object> result = new LinkedHashMap<>(delegate.convertValue(listed, OBJECT));
        List<Object> tools = new ArrayList<>();
        for (Object tool : (List<?>) result.get("tools")) {
            Map<String, Object> fields = new LinkedHashMap<>(delegate.convertValue(tool, OBJECT));
            fields.putAll(byTool.getOrDefault(String.valueOf(fields.get("name")), Map.of()));
            tools.add(fields);
        }
        result.put("tools", tools);
        return new McpSchema.JSONRPCResponse(response.jsonrpc(), response.id(), result, response.error());
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        return delegate.writeValueAsString(withFields(value));
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return delegate.writeValueAsBytes(withFields(value));
    }
}
