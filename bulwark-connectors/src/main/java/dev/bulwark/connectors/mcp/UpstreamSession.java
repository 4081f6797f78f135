package dev.bulwark.connectors.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;

/**
 * One initialised MCP session with an upstream: the SDK client and the transport under it, which can cancel calls.
 * All calls to the upstream share it; the SDK correlates concurrent requests by id.
 */
record UpstreamSession(McpAsyncClient client, CancellingTransport transport) {
}
