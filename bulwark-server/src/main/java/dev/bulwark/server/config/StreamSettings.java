package dev.bulwark.server.config;

import dev.bulwark.server.streams.StreamBounds;

/**
 * Resumable SSE streams on {@code /mcp} ({@code server.streams}); every key optional, see
 * docs/security/relay.md.
 *
 * @param enabled              false: the SDK's streams go out as the SDK writes them (no ids of ours, no priming, no
 *                             replay; a {@code GET} with {@code Last-Event-ID} opens a fresh listening stream)
 * @param retry                {@code retry} hint sent at the start of each stream (default 2s)
 * @param retention            how long a sent event is kept for resumption (default 5m, at most 1d)
 * @param maxEventsPerStream   events kept per stream (default 1000)
 * @param maxBytesPerStream    bytes kept per stream (default 1 MiB); a larger single event is sent, not kept
 * @param maxStreamsPerSession streams kept per MCP session (default 32)
 * @param maxBytesPerSession   bytes kept per MCP session (default 4 MiB)
 * @param maxSessions          MCP sessions with kept streams (default 10000)
 * @param maxBytes             bytes kept in all (default 64 MiB)
 */
public record StreamSettings(Boolean enabled, String retry, String retention, Integer maxEventsPerStream,
                             Long maxBytesPerStream, Integer maxStreamsPerSession, Long maxBytesPerSession,
                             Integer maxSessions, Long maxBytes) {
    public StreamSettings {
        StreamBounds d = StreamBounds.DEFAULTS;
        enabled = enabled == null || enabled;
        retry = retry == null ? d.retry().toMillis() + "ms" : retry;
        retention = retention == null ? d.retention().toSeconds() + "s" : retention;
        maxEventsPerStream = maxEventsPerStream == null ? d.maxEventsPerStream() : maxEventsPerStream;
        maxBytesPerStream = maxBytesPerStream == null ? d.maxBytesPerStream() : maxBytesPerStream;
        maxStreamsPerSession = maxStreamsPerSession == null ? d.maxStreamsPerSession() : maxStreamsPerSession;
        maxBytesPerSession = maxBytesPerSession == null ? d.maxBytesPerSession() : maxBytesPerSession;
        maxSessions = maxSessions == null ? d.maxSessions() : maxSessions;
        maxBytes = maxBytes == null ? d.maxBytes() : maxBytes;
        bounds(retry, retention, maxEventsPerStream, maxBytesPerStream, maxStreamsPerSession, maxBytesPerSession,
                maxSessions, maxBytes);
    }

    public static StreamSettings defaults() {
        return new StreamSettings(null, null, null, null, null, null, null, null, null);
    }

    public boolean on() {
        return enabled;
    }

    public StreamBounds bounds() {
        return bounds(retry, retention, maxEventsPerStream, maxBytesPerStream, maxStreamsPerSession,
                maxBytesPerSession, maxSessions, maxBytes);
    }

    private static StreamBounds bounds(String retry, String retention, int events, long streamBytes, int streams,
                                       long sessionBytes, int sessions, long bytes) {
        try {
            return new StreamBounds(Durations.parse(retry, "server.streams.retry"),
                    Durations.parse(retention, "server.streams.retention"), events, streamBytes, streams,
                    sessionBytes, sessions, bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("server.streams: " + e.getMessage(), e);
        }
    }
}
