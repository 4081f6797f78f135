package dev.bulwark.connectors.mcp;

import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolAnnotations;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tools last seen upstream, by local name, each with its definition hash and pin status. Immutable: a refresh
 * builds a new catalog.
 */
record UpstreamCatalog(Map<String, UpstreamCatalog.Entry> entries, List<String> warnings) {
    static final UpstreamCatalog EMPTY = new UpstreamCatalog(Map.of(), List.of());

    record Entry(UpstreamTool definition, String hash, Tool tool, PinStatus status) {
    }

    UpstreamCatalog {
        entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads the upstream's list: drops tools whose names are not valid MCP tool names or are listed twice, and moves
     * each remaining tool's pin by {@link Pinning#next}, saving pins that changed. Each tool's {@code execution} is
     * taken from {@code executions} ({@code null}: none read).
     */
    static UpstreamCatalog build(UpstreamServer config, java.util.Set<String> labels, List<McpSchema.Tool> listed,
                                 ListedExecutions executions, ToolPins pins, Instant now) {
        List<String> warnings = new ArrayList<>();
        Map<String, List<McpSchema.Tool>> byLocalName = new LinkedHashMap<>();
        for (McpSchema.Tool tool : listed) {
            Optional<String> local = ToolNames.localName(tool.name());
            if (local.isEmpty()) {
                warnings.add("dropped tool '" + printable(tool.name()) + "': its name is not a valid MCP tool name"
                        + " (1-128 of A-Z a-z 0-9 _ - . /)");
                continue;
            }
            byLocalName.computeIfAbsent(local.get(), k -> new ArrayList<>()).add(tool);
        }
        Map<String, Entry> entries = new TreeMap<>();
        for (Map.Entry<String, List<McpSchema.Tool>> named : byLocalName.entrySet()) {
            String local = named.getKey();
            if (named.getValue().size() > 1) {
                warnings.add("dropped " + named.getValue().size() + " tools that the upstream lists under the same"
                        + " name '" + printable(local) + "'");
                continue;
            }
            McpSchema.Tool tool = named.getValue().getFirst();
            UpstreamTool definition;
            Tool offered;
            try {
                SdkToolDetails.Read details = SdkToolDetails.of(tool);
                if (details.warning() != null) {
                    warnings.add("tool '" + local + "': " + details.warning());
                }
                SdkToolExecution.Read execution = executions == null ? SdkToolExecution.Read.NONE
                        : executions.of(tool);
                if (execution.warning() != null) {
                    warnings.add("tool '" + local + "': " + execution.warning());
                }
                definition = UpstreamTool.of(tool.name(), local, tool.description(), tool.inputSchema(),
                        tool.title(), annotations(tool.annotations()),
                        details.details().withExecution(execution.execution()));
                offered = definition.toTool(config.name(), config.kinds(), labels);
            } catch (IllegalArgumentException e) {
                warnings.add("dropped tool '" + printable(tool.name()) + "': " + printable(e.getMessage()));
                continue;
            }
            String hash = definition.hash();
            Optional<ToolPin> existing = pins.find(offered.name());
            ToolPin pin = Pinning.next(existing, offered.name(), definition, hash, config.mode(), now);
            if (existing.isEmpty() || !existing.get().equals(pin)) {
                pins.save(pin);
            }
            entries.put(local, new Entry(definition, hash, offered,
                    pin.allows(hash) ? PinStatus.APPROVED : pin.status()));
        }
        return new UpstreamCatalog(entries, warnings);
    }

    Optional<Entry> entry(String localName) {
        return Optional.ofNullable(entries.get(localName));
    }

    /** The tools that may be offered: approved with the definition seen. */
    List<Tool> offered() {
        return entries.values().stream().filter(e -> e.status() == PinStatus.APPROVED).map(Entry::tool).toList();
    }

    /** This catalog after an approval: the approved tool is offered if it is still the definition seen. */
    UpstreamCatalog withPin(ToolPin pin) {
        Map<String, Entry> updated = new TreeMap<>(entries);
        for (Entry e : entries.values()) {
            if (e.tool().name().equals(pin.tool())) {
                updated.put(e.definition().localName(), new Entry(e.definition(), e.hash(), e.tool(),
                        pin.allows(e.hash()) ? PinStatus.APPROVED : pin.status()));
            }
        }
        return new UpstreamCatalog(updated, warnings);
    }

    UpstreamStatus status(boolean connected, Optional<String> problem, Instant now) {
        int offered = offered().size();
        return new UpstreamStatus(connected, problem, offered, entries.size() - offered, warnings, now);
    }

    /** The upstream's annotations exactly as given (SDK-only {@code returnDirect} is not part of MCP and is left out). */
    static ToolAnnotations annotations(McpSchema.ToolAnnotations given) {
        return given == null ? null : new ToolAnnotations(given.title(), given.readOnlyHint(), given.destructiveHint(),
                given.idempotentHint(), given.openWorldHint());
    }

    /** Upstream names in logs and warnings: no control characters, bounded length. */
    static String printable(String text) {
        if (text == null) {
            return "(none)";
        }
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 80 ? clean : clean.substring(0, 80) + "…";
    }
}
