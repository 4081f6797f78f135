/**
 * Screening of structured output (MCP {@code structuredContent}, JSON resource contents) by the same output guards
 * as text: every string leaf is screened on its own, so redaction and framing keep the JSON's shape and types.
 */
package dev.bulwark.engine.screening;
