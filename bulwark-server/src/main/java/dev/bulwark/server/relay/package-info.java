/**
 * Relaying (docs/security/relay.md): what an upstream MCP server asks of the agent's client while one of the agent's
 * calls runs (sampling, elicitation, roots; log messages), decided by capability, policy and bounds, audited, and
 * passed over the agent's own MCP session.
 */
package dev.bulwark.server.relay;
