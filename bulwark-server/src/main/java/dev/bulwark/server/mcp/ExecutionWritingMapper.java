package dev.bulwark.server.mcp;

import dev.bulwark.spi.tool.ToolExecution;
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
 * The front door's JSON mapper: the SDK's own, except that a {@code tools/list} result is written with each tool's
 * {@code execution} (task support), which the SDK's {@code McpSchema.Tool} record cannot hold (MCP Java SDK 2.1.0).
 *
 * <p>Executions are known by the name agents see, as {@link ToolSync} registers and removes tools. Only the validated
 * {@link ToolExecution} shape is ever written. A listing without any tool that declares one is written by the SDK's
 * mapper untouched.
 */
final class ExecutionWritingMapper extends ForwardingJsonMapper {
    private static final TypeRef<Map<String, Object>> OBJECT = new TypeRef<>() { };
    private final Map<String, ToolExecution> byExposedName = new ConcurrentHashMap<>();

    ExecutionWritingMapper(McpJsonMapper delegate) {
        super(delegate);
    }

    /** Lists the tool agents see as {@code exposedName} with {@code execution}; without one when {@code null}. */
    void advertise(String exposedName, ToolExecution execution) {
        if (execution == null) {
            byExposedName.remove(exposedName);
        } else {
            byExposedName.put(exposedName, execution);
        }
    }

    void withdraw(String exposedName) {
        byExposedName.remove(exposedName);
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        return super.writeValueAsString(withExecutions(value));
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return super.writeValueAsBytes(withExecutions(value));
    }

    /** {@code value} itself, or, for a {@code tools/list} response naming a tool with an execution, a rewritten tree. */
    Object withExecutions(Object value) {
        if (byExposedName.isEmpty() || !(value instanceof McpSchema.JSONRPCResponse response)
                || !(response.result() instanceof McpSchema.ListToolsResult listed) || listed.tools() == null
                || listed.tools().stream().noneMatch(t -> t != null && byExposedName.containsKey(t.name()))) {
            return value;
        }
        Map<String, Object> result = new LinkedHashMap<>(delegate().convertValue(listed, OBJECT));
        if (!(result.get("tools") instanceof List<?> tools)) {
            return value;
        }
        List<Object> written = new ArrayList<>(tools.size());
        for (Object tool : tools) {
            if (tool instanceof Map<?, ?> fields && fields.get("name") instanceof String name
                    && byExposedName.get(name) instanceof ToolExecution execution) {
                Map<Object, Object> copy = new LinkedHashMap<>(fields);
                copy.put("execution", execution.wire());
                written.add(copy);
            } else {
                written.add(tool);
            }
        }
        result.put("tools", written);
        return new McpSchema.JSONRPCResponse(response.jsonrpc(), response.id(), result, response.error());
    }
}
