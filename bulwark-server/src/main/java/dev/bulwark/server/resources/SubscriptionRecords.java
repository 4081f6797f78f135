package dev.bulwark.server.resources;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.guard.Redactor;
import dev.bulwark.spi.identity.Principal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit records of {@code resources/subscribe} and {@code resources/unsubscribe}: one per request, allowed or
 * refused, of type {@link AuditEventType#RELAY} and action {@code relay.subscribe} / {@code relay.unsubscribe}, with
 * the session's agent, user and session, the reason, and details {@code uri} (redacted by the recorded redactor, cut
 * to {@link #MAX_URI_CHARS}) and {@code connector} (the owning upstream, when known). A record that cannot be written
 * throws, and the caller refuses (fail closed).
 */
final class SubscriptionRecords {
    /** How much of a URI a record keeps; longer ones are cut and marked with {@code …}. */
    static final int MAX_URI_CHARS = 2_000;

    /** What an agent asked for. */
    enum Action {
        SUBSCRIBE("relay.subscribe"), UNSUBSCRIBE("relay.unsubscribe");

        final String recorded;

        Action(String recorded) {
            this.recorded = recorded;
        }
    }

    private final AuditLog audit;
    private final Redactor redactor;
    private final Clock clock;

    SubscriptionRecords(AuditLog audit, Redactor redactor, Clock clock) {
        this.audit = audit;
        this.redactor = redactor;
        this.clock = clock;
    }

    /**
     * Records one request.
     *
     * @throws RuntimeException when the record cannot be written (the request must then be refused)
     */
    void record(Action action, Outcome outcome, String reason, Principal principal, String session,
                String connector, String uri) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (connector != null) {
            details.put("connector", connector);
        }
        details.put("uri", shown(uri));
        audit.append(new AuditEvent(clock.instant(), AuditEventType.RELAY, action.recorded, outcome,
                principal == null ? null : principal.agent().id(), principal == null ? null : principal.userIdOrNull(),
                session, reason, details));
    }

    /** The URI as recorded: cut first (bounded work for the redactor), then with credentials and personal data out. */
    private String shown(String uri) {
        if (uri == null) {
            return "";
        }
        String cut = uri.length() <= MAX_URI_CHARS ? uri : uri.substring(0, MAX_URI_CHARS) + "…";
        Object redacted = redactor.redact(Map.of("uri", cut)).get("uri");
        return redacted instanceof String s ? s : "";
    }
}
