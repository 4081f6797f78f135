package dev.bulwark.engine.tools;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.tool.Connector;
import dev.bulwark.spi.tool.Tool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tools of all connectors, read from each connector's current list so that a tool a connector stops listing
 * becomes unknown at once. Each connector's list is indexed once and re-indexed only when the connector returns a
 * different list instance.
 *
 * <p>Fail closed: a tool whose {@code connector} is not the connector that lists it, or a name listed twice (by one
 * connector, or by two connectors whose names overlap), is not callable.
 */
public final class ToolRegistry {
    private final Map<String, ConnectorTools> byConnector;

    /**
     * @throws IllegalArgumentException when two connectors share a name, a connector lists a tool of another
     *                                  connector, or a tool name is offered twice
     */
    public ToolRegistry(List<? extends Connector> connectors) {
        Checks.present(connectors, "connectors");
        Map<String, ConnectorTools> map = new LinkedHashMap<>();
        Map<String, String> owners = new HashMap<>();
        for (Connector connector : connectors) {
            Checks.present(connector, "connector");
            String name = Checks.nonBlank(connector.name(), "connector name");
            if (map.putIfAbsent(name, new ConnectorTools(connector)) != null) {
                throw new IllegalArgumentException("two connectors are named '" + name + "'");
            }
            for (Tool tool : ConnectorTools.listed(connector)) {
                if (!tool.connector().equals(name)) {
                    throw new IllegalArgumentException("connector '" + name + "' lists tool " + tool.name()
                            + " of connector '" + tool.connector() + "'");
                }
                String previous = owners.putIfAbsent(tool.name(), name);
                if (previous != null) {
                    throw new IllegalArgumentException("tool " + tool.name() + " is offered by connector '" + previous
                            + "' and by connector '" + name + "'");
                }
            }
        }
        this.byConnector = Collections.unmodifiableMap(map);
    }

    /**
     * The tool of that name as currently listed, or empty when no connector lists it (or it is ambiguous).
     *
     * @throws RuntimeException when the connector owning the name fails to list its tools
     */
    public Optional<Tool> find(String toolName) {
        if (toolName == null) {
            return Optional.empty();
        }
        Tool found = null;
        int dot = toolName.indexOf('.');
        while (dot > 0) {
            ConnectorTools owner = byConnector.get(toolName.substring(0, dot));
            if (owner != null) {
                Tool tool = owner.index().get(toolName);
                if (tool != null) {
                    if (found != null) {
                        return Optional.empty();
                    }
                    found = tool;
                }
            }
            dot = toolName.indexOf('.', dot + 1);
        }
        return Optional.ofNullable(found);
    }

    /** Every callable tool, connector by connector. A connector that fails to list its tools contributes none. */
    public List<Tool> all() {
        List<Tool> tools = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        for (ConnectorTools connector : byConnector.values()) {
            Map<String, Tool> index;
            try {
                index = connector.index();
            } catch (RuntimeException e) {
                continue;
            }
            for (Tool tool : index.values()) {
                if (!seen.add(tool.name())) {
                    duplicated.add(tool.name());
                }
                tools.add(tool);
            }
        }
        if (!duplicated.isEmpty()) {
            tools.removeIf(t -> duplicated.contains(t.name()));
        }
        return List.copyOf(tools);
    }

    /** The connector that executes the tool. */
    public Connector connectorFor(Tool tool) {
        ConnectorTools owner = byConnector.get(Checks.present(tool, "tool").connector());
        if (owner == null) {
            throw new IllegalArgumentException("no connector named '" + tool.connector() + "'");
        }
        return owner.connector;
    }

    /** One connector and the index of the list it last returned. */
    private static final class ConnectorTools {
        private final Connector connector;
        private volatile Snapshot snapshot = new Snapshot(null, Map.of());

        ConnectorTools(Connector connector) {
            this.connector = connector;
        }

        Map<String, Tool> index() {
            List<Tool> current = listed(connector);
            Snapshot last = snapshot;
            if (last.source == current) {
                return last.byName;
            }
            Snapshot fresh = new Snapshot(current, indexOf(connector.name(), current));
            snapshot = fresh;
            return fresh.byName;
        }

        static List<Tool> listed(Connector connector) {
            List<Tool> tools = connector.tools();
            return tools == null ? List.of() : tools;
        }

        private static Map<String, Tool> indexOf(String connectorName, List<Tool> tools) {
            Map<String, Tool> byName = new LinkedHashMap<>();
            Set<String> twice = new HashSet<>();
            for (Tool tool : tools) {
                if (tool == null || !tool.connector().equals(connectorName)) {
                    continue;
                }
                if (byName.putIfAbsent(tool.name(), tool) != null) {
                    twice.add(tool.name());
                }
            }
            byName.keySet().removeAll(twice);
            return byName;
        }
    }

    private record Snapshot(List<Tool> source, Map<String, Tool> byName) {
    }
}
