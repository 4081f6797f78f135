/**
 * MCP resources, resource templates, prompts and completions through the gateway, governed like tool calls: each
 * upstream's are listed per principal by policy, read through the call pipeline (policy decides about the resource
 * or prompt as a {@link dev.bulwark.spi.policy.Subject}), audited, and screened by the output guards.
 */
package dev.bulwark.server.resources;
