package dev.bulwark.server.streams;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of the gateway's own SSE streams is kept for resumption. Every bound holds at once; the oldest events go
 * first, and a resumption that would skip a dropped event is refused rather than served with a gap.
 *
 * @param retry                the {@code retry} hint sent at the start of every stream (milliseconds on the wire)
 * @param retention            how long an event is kept after it was written
 * @param maxEventsPerStream   events kept per stream
 * @param maxBytesPerStream    bytes (UTF-8) kept per stream; a single larger event is sent but not kept
 * @param maxStreamsPerSession streams kept per MCP session; beyond, the least recently written one is forgotten
 * @param maxBytesPerSession   bytes kept per MCP session, over all its streams
 * @param maxSessions          MCP sessions with kept streams; beyond, the least recently written one is forgotten
 * @param maxBytes             bytes kept in all; beyond, the least recently written session loses its oldest events
 */
public record StreamBounds(Duration retry, Duration retention, int maxEventsPerStream, long maxBytesPerStream,
                           int maxStreamsPerSession, long maxBytesPerSession, int maxSessions, long maxBytes) {
    public static final StreamBounds DEFAULTS = new StreamBounds(Duration.ofSeconds(2), Duration.ofMinutes(5), 1000,
            1024 * 1024, 32, 4L * 1024 * 1024, 10_000, 64L * 1024 * 1024);

    public StreamBounds {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(retention, "retention");
        if (retry.isNegative() || retry.toMillis() > 600_000) {
            throw new IllegalArgumentException("retry must be between 0 and 10 minutes");
        }
        if (retention.isNegative() || retention.isZero() || retention.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("retention must be positive and at most a day");
        }
        if (maxEventsPerStream < 1 || maxStreamsPerSession < 1 || maxSessions < 1) {
            throw new IllegalArgumentException("event, stream and session counts must be at least 1");
        }
        if (maxBytesPerStream < 1024 || maxBytesPerSession < maxBytesPerStream || maxBytes < maxBytesPerSession) {
            throw new IllegalArgumentException("byte bounds must be at least 1 KiB and grow from stream to session to"
                    + " all (maxBytesPerStream <= maxBytesPerSession <= maxBytes)");
        }
    }
}
