package dev.bulwark.server.logging;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Puts the session id and trace id of the call a thread is running into the logging context (MDC), so that every
 * line logged during the call carries them; closing restores what was there before. Only well-formed values enter:
 * the session id as visible ASCII, the trace id as the 32 hex digits of a valid W3C {@code traceparent}.
 */
public final class LogContext implements AutoCloseable {
    public static final String SESSION_ID = "sessionId";
    public static final String TRACE_ID = dev.bulwark.telemetry.Telemetry.LOG_TRACE_ID;
    static final List<String> KEYS = List.of(SESSION_ID, TRACE_ID);
    static final int MAX_ID = 256;
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String INVALID_TRACE = "0".repeat(32);
    private final Map<String, String> previous;

    private LogContext(Map<String, String> previous) {
        this.previous = previous;
    }

    /** Sets the ids for the current thread; {@code traceContext} holds the request's W3C trace headers (or none). */
    public static LogContext open(String sessionId, Map<String, String> traceContext) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        put(SESSION_ID, visible(sessionId) ? sessionId : null);
        put(TRACE_ID, traceId(traceContext));
        return new LogContext(previous);
    }

    /** Whether {@code id} is 1 to {@link #MAX_ID} visible ASCII characters ({@code 0x21}–{@code 0x7e}). */
    static boolean visible(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The trace id of a valid {@code traceparent}, or null. */
    static String traceId(Map<String, String> traceContext) {
        String parent = traceContext == null ? null : traceContext.get("traceparent");
        if (parent == null) {
            return null;
        }
        var match = TRACEPARENT.matcher(parent.trim());
        return match.matches() && !match.group(1).equals(INVALID_TRACE) ? match.group(1) : null;
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(previous);
        }
    }
}
