package dev.bulwark.server.http;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Records requests refused at the HTTP edge: they never reach the pipeline, yet every attempt is audited. */
public final class GateAudit {
    private final AuditLog auditLog;
    private final Clock clock;

    public GateAudit(AuditLog auditLog, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Appends a refusal; throws {@link dev.bulwark.spi.audit.AuditException} when it cannot be stored. */
    public void refused(AuditEventType type, String action, String agentId, String reason, HttpServletRequest request,
                        Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("remote", request.getRemoteAddr());
        details.put("method", request.getMethod());
        details.put("path", truncate(request.getRequestURI(), 200));
        String agent = request.getHeader("User-Agent");
        if (agent != null) {
            details.put("userAgent", truncate(agent, 200));
        }
        details.putAll(extra);
        auditLog.append(new AuditEvent(clock.instant(), type, action, Outcome.DENIED, agentId, null,
                sessionId(request), reason, details));
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
