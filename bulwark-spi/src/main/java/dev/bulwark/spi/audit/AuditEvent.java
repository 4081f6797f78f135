package dev.bulwark.spi.audit;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.JsonTrees;
import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened. Holds only redacted values and hashes: never a credential or a raw secret.
 *
 * @param time      when it happened
 * @param type      what kind of event
 * @param action    what was attempted, e.g. a tool name, {@code token.issue}, {@code agent.suspend}
 * @param outcome   how it ended
 * @param agentId   the acting agent, or {@code null} when unknown (e.g. a bad credential)
 * @param userId    the user the agent acted for, or {@code null}
 * @param sessionId the session, or {@code null}
 * @param reason    why it ended so (policy ids, error code), may be empty
 * @param details   further redacted facts as a JSON object tree (arguments, policy ids, latency…)
 */
public record AuditEvent(Instant time, AuditEventType type, String action, Outcome outcome, String agentId,
                         String userId, String sessionId, String reason, Map<String, Object> details) {
    public AuditEvent {
        Checks.present(time, "time");
        Checks.present(type, "type");
        Checks.nonBlank(action, "action");
        Checks.present(outcome, "outcome");
        reason = reason == null ? "" : reason;
        details = JsonTrees.copyObject(details);
    }
}
