/**
 * Governed connectors: the built-in demo CRM ({@link dev.bulwark.connectors.crm}) and the proxy to upstream MCP
 * servers ({@link dev.bulwark.connectors.mcp}). Third-party types (Jackson, the MCP SDK) stay inside this module.
 */
package dev.bulwark.connectors;
