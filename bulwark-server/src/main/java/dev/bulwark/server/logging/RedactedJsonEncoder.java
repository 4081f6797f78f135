package dev.bulwark.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spi.guard.Redactor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes each log event as one JSON line: time, level, logger, thread, message, and the {@code sessionId} and
 * {@code traceId} of the call that logged it. The message, an exception's message and the ids pass the audit redactor
 * first ({@link LogRedaction}, as in the text format), since a log message may quote what an agent or a tool sent.
 * JSON escapes every control character, so a newline in a message can never start a forged line; every field is cut
 * to a fixed length, so one event is one bounded line.
 */
public final class RedactedJsonEncoder extends EncoderBase<ILoggingEvent> {
    /** Characters of a message kept (before redaction); the rest is replaced by a note of how much was cut. */
    static final int MAX_MESSAGE = LogRedaction.MAX_MESSAGE;
    static final int MAX_NAME = 200;
    static final int MAX_FRAMES = 20;
    private static final byte[] NONE = new byte[0];
    private final ObjectMapper json = new ObjectMapper();
    private final Redactor redactor;

    public RedactedJsonEncoder(Redactor redactor) {
        this.redactor = java.util.Objects.requireNonNull(redactor, "redactor");
    }

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.put("level", String.valueOf(event.getLevel()));
        line.put("logger", cut(event.getLoggerName(), MAX_NAME));
        line.put("thread", cut(event.getThreadName(), MAX_NAME));
        line.put("message", redacted(event.getFormattedMessage()));
        Map<String, String> context = event.getMDCPropertyMap();
        for (String key : LogContext.KEYS) {
            String value = context == null ? null : context.get(key);
            if (value != null) {
                line.put(key, LogRedaction.redacted(redactor, cut(value, LogContext.MAX_ID), LogContext.MAX_ID));
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.put("exception", exception(thrown));
        }
        try {
            return (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            return NONE; // an event that cannot be written is dropped, never written half
        }
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }

    private Map<String, Object> exception(IThrowableProxy thrown) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class", cut(thrown.getClassName(), MAX_NAME));
        if (thrown.getMessage() != null) {
            out.put("message", redacted(thrown.getMessage()));
        }
        List<String> frames = new ArrayList<>();
        StackTraceElementProxy[] trace = thrown.getStackTraceElementProxyArray();
        for (int i = 0; trace != null && i < trace.length && i < MAX_FRAMES; i++) {
            frames.add(cut(String.valueOf(trace[i].getStackTraceElement()), MAX_NAME));
        }
        out.put("frames", frames);
        if (thrown.getCause() != null) {
            out.put("cause", cut(thrown.getCause().getClassName(), MAX_NAME));
        }
        return out;
    }

    private String redacted(String message) {
        return LogRedaction.redacted(redactor, message, MAX_MESSAGE);
    }

    private static String cut(String value, int max) {
        return LogRedaction.cut(value, max);
    }
}
