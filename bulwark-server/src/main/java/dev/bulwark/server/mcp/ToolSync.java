package dev.bulwark.server.mcp;

import dev.bulwark.spi.tool.Tool;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Keeps the SDK's tool table equal to the gateway's governed tools, which change at run time (an upstream server
 * adds a tool, a changed tool is blocked). The pipeline resolves tools itself on every call, so a tool the SDK still
 * lists for a moment after it was blocked is refused all the same.
 */
final class ToolSync {
    private final McpSyncServer server;
    private final McpJsonMapper json;
    private final Supplier<List<Tool>> tools;
    private final BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> handler;
    private final Map<String, Tool> registered = new HashMap<>();

    ToolSync(McpSyncServer server, McpJsonMapper json, Supplier<List<Tool>> tools,
             BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> handler) {
        this.server = server;
        this.json = json;
        this.tools = tools;
        this.handler = handler;
    }

    /** Adds, replaces and removes SDK tools; returns whether anything changed. */
    synchronized boolean sync() {
        Map<String, Tool> wanted = new HashMap<>();
        for (Tool t : tools.get()) {
            wanted.put(t.name(), t);
        }
        boolean changed = false;
        for (String name : List.copyOf(registered.keySet())) {
            Tool now = wanted.get(name);
            if (now == null || !Objects.equals(now, registered.get(name))) {
                server.removeTool(name);
                registered.remove(name);
                changed = true;
            }
        }
        for (Tool t : wanted.values()) {
            if (!registered.containsKey(t.name())) {
                server.addTool(McpServerFeatures.SyncToolSpecification.builder()
                        .tool(toMcp(t))
                        .callHandler(handler)
                        .build());
                registered.put(t.name(), t);
                changed = true;
            }
        }
        if (changed) {
            server.notifyToolsListChanged();
        }
        return changed;
    }

    /** The tool as agents see it: title and annotations exactly as the tool's author gave them, none invented. */
    McpSchema.Tool toMcp(Tool t) {
        dev.bulwark.spi.tool.ToolAnnotations a = t.annotations();
        McpSchema.ToolAnnotations annotations = a == null ? null : new McpSchema.ToolAnnotations(a.title(),
                a.readOnlyHint(), a.destructiveHint(), a.idempotentHint(), a.openWorldHint(), null);
        return McpSchema.Tool.builder()
                .name(t.name())
                .title(t.title())
                .description(t.description())
                .inputSchema(json, t.inputSchema())
                .annotations(annotations)
                .build();
    }
}
