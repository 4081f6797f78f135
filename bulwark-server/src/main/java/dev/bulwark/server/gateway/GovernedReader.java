package dev.bulwark.server.gateway;

import dev.bulwark.data.sql.SqlConnector;
import dev.bulwark.server.config.SqlSettings;
import dev.bulwark.spi.tool.Connector;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A connector whose tools read tables that a SQL connector governs (a side door around row security). Data policy
 * holds for the data, not for one tool: a bound read tool is answered from the governed table (the wrapped connector
 * never runs), a bound write tool runs only on a row the caller can see and answers with that row as the caller may
 * see it, and a tool with no binding is neither listed nor served (deny by default).
 */
final class GovernedReader implements Connector {
    private final Connector inner;
    private final SqlConnector governor;
    private final Map<String, SqlSettings.ToolBinding> bindings = new LinkedHashMap<>();
    /**
     * The bound tools of the inner connector's last listing: the same list is handed out while the inner connector
     * returns the same list, so the tool registry, which re-indexes a connector whose list changed, need not do so on
     * every call.
     */
    private volatile Listed listed = new Listed(null, List.of());

    private record Listed(List<Tool> source, List<Tool> bound) {
    }

    /** @throws IllegalArgumentException when a binding names an unknown tool, table, column or argument */
    GovernedReader(Connector inner, SqlConnector governor, List<SqlSettings.ToolBinding> bindings) {
        this.inner = inner;
        this.governor = governor;
        Set<String> offered = new HashSet<>();
        inner.tools().forEach(t -> offered.add(t.name()));
        for (SqlSettings.ToolBinding b : bindings) {
            if (!offered.contains(b.tool())) {
                throw new IllegalArgumentException("sql " + governor.name() + ": bound tool " + b.tool()
                        + " is not a tool of connector " + inner.name());
            }
            Map<String, String> columns = new LinkedHashMap<>(b.equals());
            columns.putAll(b.contains());
            columns.putAll(b.key());
            columns.forEach((argument, column) -> {
                if (!governor.hasColumn(b.table(), column)) {
                    throw new IllegalArgumentException("sql " + governor.name() + ": tool " + b.tool() + " binds "
                            + argument + " to " + b.table() + "." + column + ", which is not a configured column");
                }
            });
            this.bindings.put(b.tool(), b);
        }
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public List<Tool> tools() {
        List<Tool> current = inner.tools();
        Listed last = listed;
        if (last.source() == current && current != null) {
            return last.bound();
        }
        List<Tool> bound = current.stream().filter(t -> bindings.containsKey(t.name())).toList();
        listed = new Listed(current, bound);
        return bound;
    }

    @Override
    public ToolResult call(ToolCall call, ProgressListener progress) throws ConnectorException {
        SqlSettings.ToolBinding binding = bindings.get(call.tool().name());
        if (binding == null) {
            throw new ConnectorException("tool " + call.tool().name() + " reads governed data without a binding to "
                    + "its row security; it is not served");
        }
        if (!binding.write()) {
            return read(call, binding);
        }
        Map.Entry<String, String> key = binding.key().entrySet().iterator().next();
        Object value = call.arguments().get(key.getKey());
        if (!(value instanceof String || value instanceof Number)) {
            return ToolResult.errorText("invalid arguments: " + key.getKey() + " is required");
        }
        if (!governor.canSee(call, binding.table(), key.getValue(), value.toString())) {
            return ToolResult.errorText("no " + binding.table() + " row with " + key.getValue() + " " + value
                    + " is visible to you");
        }
        ToolResult done = inner.call(call, progress);
        if (done.error()) {
            return ToolResult.errorText("the tool failed");
        }
        return governor.readFor(call, binding.table(), Map.of(key.getValue(), value.toString()), Map.of(), 1);
    }

    private ToolResult read(ToolCall call, SqlSettings.ToolBinding binding) {
        Map<String, String> equals = new LinkedHashMap<>();
        Map<String, String> contains = new LinkedHashMap<>();
        int limit = Integer.MAX_VALUE;
        for (Map.Entry<String, Object> argument : call.arguments().entrySet()) {
            String name = argument.getKey();
            Object value = argument.getValue();
            if (name.equals(binding.limit()) && value instanceof Number n) {
                limit = n.intValue();
            } else if (binding.equals().containsKey(name) && (value instanceof String || value instanceof Number)) {
                equals.put(binding.equals().get(name), value.toString());
            } else if (binding.contains().containsKey(name) && value instanceof String text) {
                contains.put(binding.contains().get(name), text);
            } else {
                return ToolResult.errorText("argument " + name + " of " + call.tool().name()
                        + " has no governed meaning; it is refused");
            }
        }
        return governor.readFor(call, binding.table(), equals, contains, limit);
    }

    @Override
    public void close() throws Exception {
        inner.close();
    }
}
