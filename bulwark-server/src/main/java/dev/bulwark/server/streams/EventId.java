package dev.bulwark.server.streams;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An SSE event id the gateway hands out: the stream's id (128 random bits, hex) and the event's place in it, joined
 * by {@code _}. Place 0 is the priming event. Anything else a client sends back is not one of ours.
 */
record EventId(String stream, long seq) {
    /** Longer {@code Last-Event-ID} values are refused before they are looked at. */
    static final int MAX_LENGTH = 64;
    private static final Pattern SHAPE = Pattern.compile("([0-9a-f]{32})_(0|[1-9][0-9]{0,17})");

    EventId {
        if (!isStreamId(stream)) {
            throw new IllegalArgumentException("a stream id is 32 lower-case hex digits");
        }
        if (seq < 0) {
            throw new IllegalArgumentException("an event's place is not negative");
        }
    }

    /** The id in a {@code Last-Event-ID} header, or empty when it is not shaped like one of ours. */
    static Optional<EventId> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        var m = SHAPE.matcher(text.trim());
        return m.matches() ? Optional.of(new EventId(m.group(1), Long.parseLong(m.group(2)))) : Optional.empty();
    }

    /** 32 lower-case hex digits, as a stream id is written (checked without a regex: once per stream opened). */
    static boolean isStreamId(String text) {
        if (text == null || text.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    String text() {
        return stream + "_" + seq;
    }
}
