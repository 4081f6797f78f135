package dev.bulwark.server.gateway;

import dev.bulwark.anomaly.CallEvent;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.tool.ToolKind;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads the detectors' view of a call from its {@code TOOL_CALL} audit event. */
final class CallEvents {
    /** The label the injection guard gives output with suspected injected instructions. */
    static final String SUSPICIOUS = "suspicious";

    private CallEvents() {}

    /**
     * The call the event records, or {@code null} when it records none a principal made (another event type, or a call
     * refused before the agent was known).
     *
     * @param kinds   a tool's kind, or {@code null} for a tool not served
     * @param intents a transport session's declared intent, or {@code null}
     */
    static CallEvent of(AuditEvent e, Function<String, ToolKind> kinds, Function<String, String> intents) {
        if (e.type() != AuditEventType.TOOL_CALL || e.agentId() == null || e.agentId().length() > CallEvent.MAX_NAME
                || (e.userId() != null && e.userId().length() > CallEvent.MAX_NAME)) {
            return null;
        }
        Map<String, Object> d = e.details();
        Set<String> labels = new HashSet<>();
        if (d.get("labels") instanceof List<?> list) {
            list.forEach(l -> labels.add(String.valueOf(l)));
        }
        CallEvent.Outcome outcome = switch (e.outcome()) {
            case SUCCEEDED -> CallEvent.Outcome.ALLOWED;
            // a call waiting for a human was not refused
            case DENIED -> e.reason().startsWith("APPROVAL_REQUIRED") ? CallEvent.Outcome.FAILED
                    : CallEvent.Outcome.DENIED;
            default -> CallEvent.Outcome.FAILED;
        };
        String error = d.get("error") instanceof String s ? s : "";
        boolean injection = labels.contains(SUSPICIOUS)
                || e.reason().startsWith("OUTPUT_BLOCKED") && error.contains("prompt injection");
        String session = e.sessionId();
        return new CallEvent(e.time(), e.agentId(), e.userId(), session, e.action(), kinds.apply(e.action()), outcome,
                labels, number(d.get("resultBytes"), 0), number(d.getOrDefault("rows", d.get("documents")), -1),
                injection, session == null ? null : intents.apply(session));
    }

    private static long number(Object value, long fallback) {
        return value instanceof Number n ? n.longValue() : fallback;
    }
}
