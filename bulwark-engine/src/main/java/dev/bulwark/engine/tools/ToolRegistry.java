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
 *
 * <p>Agents see each tool under its connector's {@linkplain Connector#toolPrefix() prefix} and its local name
 * ({@link #exposedName}); two tools that would be shown under one name are refused when the registry is built (the
 * gateway does not start) and, if they appear later, neither is shown nor callable by that name.
 */
public final class ToolRegistry {
    /** Longest name agents may see: MCP's tool-name grammar allows 1–128 characters. */
    public static final int MAX_EXPOSED_LENGTH = 128;
    private static final java.util.regex.Pattern PREFIX = java.util.regex.Pattern.compile("[A-Za-z0-9_./-]{0,64}");

    private final Map<String, ConnectorTools> byConnector;
    private volatile Names names = new Names(List.of(), Set.of());

    /**
     * @throws IllegalArgumentException when two connectors share a name, a connector lists a tool of another
     *                                  connector, a tool name is offered twice, a connector's tool prefix is invalid,
     *                                  or two tools would be shown to agents under one name
     */
    public ToolRegistry(List<? extends Connector> connectors) {
        Checks.present(connectors, "connectors");
        Map<String, ConnectorTools> map = new LinkedHashMap<>();
        Map<String, String> owners = new HashMap<>();
        for (Connector connector : connectors) {
            Checks.present(connector, "connector");
            String name = Checks.nonBlank(connector.name(), "connector name");
            String prefix = connector.toolPrefix();
            if (prefix == null || !PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("connector '" + name + "' has an invalid tool prefix; it must be"
                        + " at most 64 of A-Z a-z 0-9 _ . - /");
            }
            if (map.putIfAbsent(name, new ConnectorTools(connector, prefix)) != null) {
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
        List<String> conflicts = exposure().conflicts();
        if (!conflicts.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", conflicts));
        }
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
        return callable(indexes());
    }

    /**
     * The names of {@link #all()}: the same set instance while every connector returns the list it returned last
     * time, so callers that index the names (injection screening, per output) tell a change by identity.
     */
    public Set<String> names() {
        List<Map<String, Tool>> indexes = indexes();
        Names last = names;
        if (last.sameSources(indexes)) {
            return last.names;
        }
        Set<String> current = new HashSet<>();
        for (Tool tool : callable(indexes)) {
            current.add(tool.name());
        }
        Names fresh = new Names(indexes, Set.copyOf(current));
        names = fresh;
        return fresh.names;
    }

    /** Each connector's current index, in connector order; {@code null} for a connector that failed to list. */
    private List<Map<String, Tool>> indexes() {
        List<Map<String, Tool>> indexes = new ArrayList<>(byConnector.size());
        for (ConnectorTools connector : byConnector.values()) {
            try {
                indexes.add(connector.index());
            } catch (RuntimeException e) {
                indexes.add(null);
            }
        }
        return indexes;
    }

    /** The tools of these indexes, without names two connectors both list (fail closed). */
    private static List<Tool> callable(List<Map<String, Tool>> indexes) {
        List<Tool> tools = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        for (Map<String, Tool> index : indexes) {
            if (index == null) {
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

    /** The name agents see for the tool: its connector's tool prefix and its local name. */
    public String exposedName(Tool tool) {
        ConnectorTools owner = byConnector.get(Checks.present(tool, "tool").connector());
        return (owner == null ? tool.connector() + "." : owner.prefix) + tool.localName();
    }

    /**
     * The tool agents know by {@code exposedName}, or empty when none is, or more than one would be (fail closed).
     *
     * @throws RuntimeException when a connector that could own the name fails to list its tools
     */
    public Optional<Tool> findExposed(String exposedName) {
        if (exposedName == null || exposedName.isEmpty() || exposedName.length() > MAX_EXPOSED_LENGTH) {
            return Optional.empty();
        }
        Tool found = null;
        for (ConnectorTools owner : byConnector.values()) {
            if (!exposedName.startsWith(owner.prefix)) {
                continue;
            }
            Tool tool = owner.index().get(owner.connector.name() + "." + exposedName.substring(owner.prefix.length()));
            if (tool != null) {
                if (found != null) {
                    return Optional.empty();
                }
                found = tool;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Every callable tool by the name agents see, and why any tool is left out of it.
     *
     * @param conflicts tools left out because another tool would be shown under the same name
     * @param withheld  tools left out because their shown name would be longer than MCP allows
     */
    public record Exposure(Map<String, Tool> byName, List<String> conflicts, List<String> withheld) {
        public Exposure {
            byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
            conflicts = List.copyOf(conflicts);
            withheld = List.copyOf(withheld);
        }
    }

    /**
     * Every callable tool by the name agents see. Tools that would share a name with another are left out, as are
     * names longer than {@link #MAX_EXPOSED_LENGTH}; the exposure names them.
     */
    public Exposure exposure() {
        Map<String, List<Tool>> byName = new LinkedHashMap<>();
        for (Tool tool : all()) {
            byName.computeIfAbsent(exposedName(tool), k -> new ArrayList<>()).add(tool);
        }
        Map<String, Tool> exposed = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        for (Map.Entry<String, List<Tool>> e : byName.entrySet()) {
            List<Tool> tools = e.getValue();
            if (tools.size() > 1) {
                conflicts.add("tools " + tools.stream().map(t -> t.name() + " (connector '" + t.connector() + "')")
                        .collect(java.util.stream.Collectors.joining(" and ")) + " would both be shown to agents as '"
                        + e.getKey() + "'; mount one of their connectors with another tool prefix");
            } else if (e.getKey().length() > MAX_EXPOSED_LENGTH) {
                withheld.add("tool " + tools.getFirst().name() + " is not shown: with its connector's prefix its"
                        + " name would be longer than " + MAX_EXPOSED_LENGTH + " characters");
            } else {
                exposed.put(e.getKey(), tools.getFirst());
            }
        }
        return new Exposure(exposed, conflicts, withheld);
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
        private final String prefix;
        private volatile Snapshot snapshot = new Snapshot(null, Map.of());

        ConnectorTools(Connector connector, String prefix) {
            this.connector = connector;
            this.prefix = prefix;
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

    /** The names built from these indexes (compared by identity: an index is never changed once built). */
    private record Names(List<Map<String, Tool>> sources, Set<String> names) {
        boolean sameSources(List<Map<String, Tool>> current) {
            boolean same = sources.size() == current.size();
            for (int i = 0; same && i < current.size(); i++) {
                same = sources.get(i) == current.get(i);
            }
            return same;
        }
    }
}
