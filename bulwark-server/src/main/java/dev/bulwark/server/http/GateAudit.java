package dev.bulwark.server.http;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.guard.Redactor;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records requests refused at the HTTP edge: they never reach the pipeline, yet every attempt is audited. What the
 * caller sent (path, User-Agent, a tool or method name, an origin…) passes the audit redactor first, as arguments of
 * calls do, so a credential placed there is never stored in the clear; the remote address and the HTTP method are the
 * gateway's own observations and are kept as they are.
 */
public final class GateAudit {
    private final AuditLog auditLog;
    private final Clock clock;
    private final Redactor redactor;

    public GateAudit(AuditLog auditLog, Clock clock, Redactor redactor) {
        this.auditLog = auditLog;
        this.clock = clock;
        this.redactor = java.util.Objects.requireNonNull(redactor, "redactor");
    }

    /** Appends a refusal; throws {@link dev.bulwark.spi.audit.AuditException} when it cannot be stored. */
    public void refused(AuditEventType type, String action, String agentId, String reason, HttpServletRequest request,
                        Map<String, Object> extra) {
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("path", truncate(request.getRequestURI(), 200));
        String agent = request.getHeader("User-Agent");
        if (agent != null) {
            sent.put("userAgent", truncate(agent, 200));
        }
        sent.putAll(extra);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("remote", request.getRemoteAddr());
        details.put("method", request.getMethod());
        details.putAll(redactor.redact(sent));
        // the agent id of a refusal may be only what the caller claimed (e.g. a client_id), so it is redacted too
        String claimed = agentId == null ? null : redacted(agentId);
        auditLog.append(new AuditEvent(clock.instant(), type, action, Outcome.DENIED, claimed, null,
                sessionId(request), reason, details));
    }

    /** A text the caller sent, as the audit redactor would record it. */
    public String redacted(String sent) {
        return String.valueOf(redactor.redact(Map.of("text", sent)).get("text"));
    }

    public void append(AuditEvent event) {
        auditLog.append(event);
    }

    public Clock clock() {
        return clock;
    }

    private static String sessionId(HttpServletRequest request) {
        String id = request.getHeader("Mcp-Session-Id");
        return id == null ? null : truncate(id, 128);
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
