/**
 * HTTP plumbing on embedded Jetty: the gate in front of {@code /mcp} (authentication, size, content type, JSON-RPC
 * shape, audit of refused requests), the OAuth token endpoint and the discovery documents MCP clients read.
 */
package dev.bulwark.server.http;
