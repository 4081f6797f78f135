package dev.bulwark.server.mcp;

import dev.bulwark.engine.tools.ToolRegistry;
import dev.bulwark.spi.tool.Tool;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
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
 *
 * <p>Tools are registered under the names agents see ({@link ToolRegistry#exposedName}); a call is handed on under
 * the tool's namespaced name, which is what the pipeline, policies and the audit log know.
 */
final class ToolSync {
    private final McpSyncServer server;
    private final McpJsonMapper json;
    private final ExecutionWritingMapper executions;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ToolSync.class);
    private final Supplier<ToolRegistry.Exposure> tools;
    private final BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> handler;
    private final Map<String, Tool> registered = new HashMap<>();
    private List<String> reported = List.of();

    /** @param executions writes each registered tool's {@code execution} into {@code tools/list} results */
    ToolSync(McpSyncServer server, McpJsonMapper json, ExecutionWritingMapper executions,
             Supplier<ToolRegistry.Exposure> tools,
             BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> handler) {
        this.server = server;
        this.json = json;
        this.executions = executions;
        this.tools = tools;
        this.handler = handler;
    }

    /** Adds, replaces and removes SDK tools; returns whether anything changed. */
    synchronized boolean sync() {
        ToolRegistry.Exposure exposure = tools.get();
        Map<String, Tool> wanted = exposure.byName();
        List<String> problems = new java.util.ArrayList<>(exposure.conflicts());
        problems.addAll(exposure.withheld());
        if (!problems.equals(reported)) {
            problems.forEach(p -> LOG.warn("tool not offered: {}", p));
            reported = problems;
        }
        boolean changed = false;
        for (String name : List.copyOf(registered.keySet())) {
            Tool now = wanted.get(name);
            if (now == null || !Objects.equals(now, registered.get(name))) {
                server.removeTool(name);
                executions.withdraw(name);
                registered.remove(name);
                changed = true;
            }
        }
        for (Map.Entry<String, Tool> e : wanted.entrySet()) {
            if (!registered.containsKey(e.getKey())) {
                Tool tool = e.getValue();
                executions.advertise(e.getKey(), tool.details().execution());
                server.addTool(McpServerFeatures.SyncToolSpecification.builder()
                        .tool(toMcp(e.getKey(), tool))
                        .callHandler((exchange, request) -> StructuredOutputRule.enforce(tool, handler.apply(exchange,
                                new McpSchema.CallToolRequest(tool.name(), request.arguments(), request.meta()))))
                        .build());
                registered.put(e.getKey(), e.getValue());
                changed = true;
            }
        }
        if (changed) {
            server.notifyToolsListChanged();
        }
        return changed;
    }

    /**
     * The tool as agents see it, under {@code exposedName}: title, annotations, output schema, {@code _meta} and icons
     * exactly as the tool's author gave them, none invented ({@code execution}, which the SDK's record cannot hold, is
     * written by {@link ExecutionWritingMapper}).
     */
    McpSchema.Tool toMcp(String exposedName, Tool t) {
        dev.bulwark.spi.tool.ToolAnnotations a = t.annotations();
        dev.bulwark.spi.tool.ToolDetails d = t.details();
        McpSchema.ToolAnnotations annotations = a == null ? null : new McpSchema.ToolAnnotations(a.title(),
                a.readOnlyHint(), a.destructiveHint(), a.idempotentHint(), a.openWorldHint(), null);
        return McpSchema.Tool.builder()
                .name(exposedName)
                .title(t.title())
                .description(t.description())
                .inputSchema(json, t.inputSchema())
                .annotations(annotations)
                .outputSchema(d.outputSchema() == null ? null : readObject(d.outputSchema()))
                .meta(d.meta() == null ? null : readObject(d.meta()))
                .icons(d.icons() == null ? null : read(d.icons(), ICONS))
                .build();
    }

    private static final TypeRef<List<McpSchema.Icon>> ICONS = new TypeRef<>() { };
    private static final TypeRef<Map<String, Object>> OBJECT = new TypeRef<>() { };

    private Map<String, Object> readObject(String text) {
        return read(text, OBJECT);
    }

    private <T> T read(String text, TypeRef<T> type) {
        try {
            return json.readValue(text, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("tool details are not the JSON they were checked to be", e);
        }
    }
}
