/**
 * Resumable SSE streams on the gateway's own front door (MCP streamable HTTP, "Resumability and Redelivery"): every
 * event the SDK's servlet writes gets an id {@code <stream>_<seq>}, each stream opens with a priming event and a
 * {@code retry} hint, and the events are kept, bounded, so that the same principal can resume the same session's
 * stream with {@code GET} and {@code Last-Event-ID}. The SDK (mcp-core 2.1.0) has no event store; this package wraps
 * its servlet instead of changing it.
 */
package dev.bulwark.server.streams;
