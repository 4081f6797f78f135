package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.tool.ProgressListener;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code tools/call} as the front door received it. Nothing in it is trusted yet: the tool name and arguments are
 * checked by the pipeline (so that even garbage is audited), only the session id's syntax is checked here.
 *
 * @param credential the raw bearer credential, or {@code null} when the request carried none; never printed
 * @param sessionId  the transport session id (visible ASCII, at most 256 characters)
 * @param toolName   the tool name as sent by the agent, possibly garbage
 * @param arguments  the arguments as sent (a shallow copy is kept; {@code null} is the empty object)
 * @param progress   where connector progress goes; {@code null} ignores progress
 * @param task       the task id the request named (e.g. MCP {@code _meta["bulwark/task"]}), or {@code null}; checked
 *                   by the session step, which honours it only for principals allowed to start tasks
 * @param traceContext the W3C trace-context headers the request carried ({@code traceparent}, {@code tracestate}),
 *                     unchecked except for their length; other keys and over-long values are dropped. Telemetry
 *                     parses them; nothing else reads them
 * @param veto       how to ask the person at the client whether to stop a call paused for approval ({@code null}:
 *                   {@link UserVeto#NONE})
 */
public record CallRequest(String credential, String sessionId, String toolName, Map<String, Object> arguments,
                          ProgressListener progress, String task, Map<String, String> traceContext, UserVeto veto) {
    static final int MAX_SESSION_ID_LENGTH = 256;
    /** The trace-context headers kept, and their longest accepted value (W3C allows 512 list members' worth). */
    public static final java.util.Set<String> TRACE_HEADERS = java.util.Set.of("traceparent", "tracestate");
    static final int MAX_TRACE_HEADER_LENGTH = 1024;

    public CallRequest {
        Checks.nonBlank(sessionId, "sessionId");
        if (sessionId.length() > MAX_SESSION_ID_LENGTH) {
            throw new IllegalArgumentException("sessionId longer than " + MAX_SESSION_ID_LENGTH + " characters");
        }
        for (int i = 0; i < sessionId.length(); i++) {
            char c = sessionId.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("sessionId must be visible ASCII");
            }
        }
        Checks.present(toolName, "toolName");
        // Shallow copy only: a deep copy of a hostile tree belongs to validation, which bounds it first.
        arguments = arguments == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        progress = progress == null ? ProgressListener.IGNORE : progress;
        traceContext = traceHeaders(traceContext);
        veto = veto == null ? UserVeto.NONE : veto;
    }

    /** A request whose client cannot be asked anything. */
    public CallRequest(String credential, String sessionId, String toolName, Map<String, Object> arguments,
                       ProgressListener progress, String task, Map<String, String> traceContext) {
        this(credential, sessionId, toolName, arguments, progress, task, traceContext, null);
    }

    /** A request that carries no trace context and whose client cannot be asked anything. */
    public CallRequest(String credential, String sessionId, String toolName, Map<String, Object> arguments,
                       ProgressListener progress, String task) {
        this(credential, sessionId, toolName, arguments, progress, task, Map.of(), null);
    }

    private static Map<String, String> traceHeaders(Map<String, String> given) {
        if (given == null || given.isEmpty()) {
            return Map.of();
        }
        Map<String, String> kept = new java.util.HashMap<>(2);
        for (String name : TRACE_HEADERS) {
            String value = given.get(name);
            if (value != null && value.length() <= MAX_TRACE_HEADER_LENGTH) {
                kept.put(name, value);
            }
        }
        return Map.copyOf(kept);
    }

    /** A request that names no task. */
    public CallRequest(String credential, String sessionId, String toolName, Map<String, Object> arguments,
                       ProgressListener progress) {
        this(credential, sessionId, toolName, arguments, progress, null, Map.of(), null);
    }

    /** Leaves out the credential and the arguments, which may hold secrets. */
    @Override
    public String toString() {
        return "CallRequest[sessionId=" + sessionId + ", toolName=" + Texts.printable(toolName, 80)
                + ", credential=" + (credential == null ? "none" : "present") + ", arguments=" + arguments.size()
                + " keys]";
    }
}
