package dev.bulwark.audit;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Varied events: every column, nulls, nested details with integer and fractional numbers. */
final class TestEvents {
    private TestEvents() {}

    static AuditEvent event(int i) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("query", "select * from t where id = " + i);
        args.put("limit", 10);
        args.put("tags", List.of("pii", "\u00fcn\u00efc\u00f6d\u00e9 \u2713 \uD83D\uDE00", "quote\" and \\ and \n"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("index", i);
        details.put("latencyMillis", 1.5 * i + 0.25);
        details.put("args", args);
        details.put("missing", null);
        details.put("allowed", i % 3 != 0);
        return new AuditEvent(Instant.parse("2026-01-02T03:04:05.123456789Z").plusSeconds(i),
                i % 5 == 0 ? AuditEventType.AUTHENTICATION : AuditEventType.TOOL_CALL, "crm.query",
                i % 3 == 0 ? Outcome.DENIED : Outcome.SUCCEEDED, "agent-" + (i % 4), i % 2 == 0 ? "alice" : null,
                i % 7 == 0 ? null : "session-" + (i % 3), i % 3 == 0 ? "policy:forbid-pii" : "", details);
    }
}
