/**
 * Proxy to upstream MCP servers: an {@link dev.bulwark.connectors.mcp.McpUpstreamConnector} offers an upstream's
 * tools as {@code <connector>.<tool>}, each pinned by a hash of its definition so that a changed description or schema
 * (a "rug pull") blocks the tool until an administrator approves it again. Pins live in a
 * {@link dev.bulwark.connectors.mcp.ToolPins} store. Everything an upstream returns is untrusted data.
 */
package dev.bulwark.connectors.mcp;
