package dev.bulwark.server.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/**
 * The SDK's JSON mapper, except for two conversions every {@code tools/call} goes through after the SDK has parsed the
 * message into plain maps: the message into a {@link McpSchema.JSONRPCRequest} and its {@code params} into a
 * {@link McpSchema.CallToolRequest}. Jackson makes each by writing the maps out as tokens and reading them back; here
 * the records are built from the parsed values themselves. Only the plain shapes are taken this way (string method,
 * string or integer id, maps where maps belong); anything else goes to the SDK's mapper as before, so its errors and
 * defaults stay its own. The values are the same either way ({@code DirectRequestMapperTest} compares both).
 */
final class DirectRequestMapper extends ForwardingJsonMapper {
    DirectRequestMapper(McpJsonMapper delegate) {
        super(delegate);
    }

    @Override
    public <T> T convertValue(Object from, Class<T> type) {
        if (type == McpSchema.JSONRPCRequest.class && from instanceof Map<?, ?> message) {
            McpSchema.JSONRPCRequest request = request(message);
            if (request != null) {
                return type.cast(request);
            }
        }
        return super.convertValue(from, type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T convertValue(Object from, TypeRef<T> type) {
        if (type.getType() == McpSchema.CallToolRequest.class && from instanceof Map<?, ?> params) {
            McpSchema.CallToolRequest call = toolCall(params);
            if (call != null) {
                return (T) call;
            }
        }
        return super.convertValue(from, type);
    }

    /** The request, or null when the message is not of the plain shape (then the SDK's mapper decides). */
    static McpSchema.JSONRPCRequest request(Map<?, ?> message) {
        if (!(message.get("jsonrpc") instanceof String jsonrpc) || jsonrpc.isBlank()
                || !(message.get("method") instanceof String method)) {
            return null;
        }
        Object id = message.get("id");
        Object params = message.get("params");
        if (!(id instanceof String || id instanceof Integer || id instanceof Long) || !parsedValue(params)) {
            return null;
        }
        return new McpSchema.JSONRPCRequest(jsonrpc, method, id, params);
    }

    /** The call, or null when the params are not of the plain shape (then the SDK's mapper decides). */
    @SuppressWarnings("unchecked")
    static McpSchema.CallToolRequest toolCall(Map<?, ?> params) {
        Object arguments = params.get("arguments");
        Object meta = params.get("_meta");
        if (!(params.get("name") instanceof String name) || !stringKeyed(arguments) || !stringKeyed(meta)) {
            return null;
        }
        return new McpSchema.CallToolRequest(name, (Map<String, Object>) arguments, (Map<String, Object>) meta);
    }

    /** Absent, or an object as parsed (keys are member names). */
    private static boolean stringKeyed(Object value) {
        if (value == null) {
            return true;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return false;
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** A value of the kinds parsing JSON into plain maps gives, which Jackson's round trip gives back equal. */
    private static boolean parsedValue(Object value) {
        return value == null || value instanceof Map || value instanceof List || value instanceof String
                || value instanceof Number || value instanceof Boolean;
    }
}
