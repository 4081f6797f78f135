package dev.bulwark.connectors.mcp;

import dev.bulwark.spi.tool.Tool;
import java.util.Optional;

/** Upstream tool names inside a Bulwark namespace: kept exactly as the upstream gave them, when MCP allows them. */
final class ToolNames {
    /** Longest upstream tool name: MCP's tool-name grammar (2025-11-25) allows 1–128 characters. */
    static final int MAX_LENGTH = 128;

    private ToolNames() {}

    /**
     * The local name of an upstream tool: the upstream's own name, unchanged, when it follows MCP's tool-name grammar
     * (1–128 of {@code [A-Za-z0-9_.-/]}: upper case, dots, slashes, dashes and underscores kept); empty otherwise (the
     * tool is then withheld). Names are never rewritten, so two upstream tools cannot end up under one name and a
     * policy or pin names exactly the tool the upstream calls by that name.
     */
    static Optional<String> localName(String upstreamName) {
        if (upstreamName == null || !Tool.LOCAL_NAME.matcher(upstreamName).matches()) {
            return Optional.empty();
        }
        return Optional.of(upstreamName);
    }
}
