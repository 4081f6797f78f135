/**
 * The MCP front door: the official MCP Java SDK's Streamable HTTP servlet, whose tools are the gateway's governed
 * tools and whose every {@code tools/call} runs through the engine's pipeline.
 */
package dev.bulwark.server.mcp;
