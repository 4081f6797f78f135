package dev.bulwark.server.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.guard.Redactor;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.policy.PolicyEngine;
import dev.bulwark.spi.tool.ClientChannel;
import dev.bulwark.spi.tool.ProgressListener;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's rules for relaying, shared by every call: policy decides each request, redactors take secrets and
 * personal data out of what is recorded and screen what goes back to the upstream, and every request is audited
 * ({@link AuditEventType#RELAY}, action {@code relay.<feature>}) whether relayed or refused.
 */
public final class ClientRelay {
    /** Largest params of one relayed request, as JSON; an elicitation schema or prompt beyond it is refused. */
    public static final int MAX_PARAMS_BYTES = 64 * 1024;
    /** Longest progress message passed to the agent, in characters (after redaction); the rest is cut. */
    public static final int MAX_PROGRESS_MESSAGE_CHARS = 1_000;
    /** How much of a request and of an answer the audit record keeps, as JSON characters. */
    static final int AUDIT_PREVIEW_CHARS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(ClientRelay.class);

    private final PolicyEngine policies;
    private final AuditLog audit;
    private final Redactor redactor;
    private final Redactor secrets;
    private final Clock clock;
    final ObjectMapper json = new ObjectMapper();

    /**
     * @param redactor takes credentials and, when PII guards are on, personal data out (what is recorded)
     * @param secrets  takes credentials out
     */
    public ClientRelay(PolicyEngine policies, AuditLog audit, Redactor redactor, Redactor secrets, Clock clock) {
        this.policies = policies;
        this.audit = audit;
        this.redactor = redactor;
        this.secrets = secrets;
        this.clock = clock;
    }

    private final CallCancellations cancellations = new CallCancellations();

    /** The calls agents may cancel; the MCP gate reports {@code notifications/cancelled} here. */
    public CallCancellations cancellations() {
        return cancellations;
    }

    /**
     * The agent's side of one call, open until closed: progress goes to {@code progress}, its message redacted and cut
     * (an upstream chooses it, so it is a side channel around the output guards otherwise); the client behind
     * {@code exchange} is reachable for what upstreams ask once the pipeline binds the call's decision to it; and the
     * call can be cancelled by the agent's {@code notifications/cancelled} for {@code rpcId} (JSON text of the
     * {@code tools/call}'s id, {@code null} when unknown).
     */
    public RelayedCall open(ProgressListener progress, McpSyncServerExchange exchange, String rpcId) {
        CallCancellations.Running running = cancellations.start(exchange.sessionId(), rpcId);
        ClientChannel channel = new ExchangeChannel(this, exchange, null, running);
        ProgressListener listener = new ProgressListener() {
            @Override
            public void onProgress(double value, Double total, String message) {
                progress.onProgress(value, total, message == null ? null : progressMessage(message));
            }

            @Override
            public ClientChannel client() {
                return channel;
            }
        };
        return new RelayedCall(listener, running);
    }

    /** A progress message as the agent may see it: credentials (and personal data, when guarded) out, then cut. */
    String progressMessage(String message) {
        Object redacted = redact(Map.of("message", message)).get("message");
        String text = redacted instanceof String s ? s : "";
        return text.length() <= MAX_PROGRESS_MESSAGE_CHARS ? text
                : text.substring(0, MAX_PROGRESS_MESSAGE_CHARS - 1) + "…";
    }

    /** One call's listener and its cancellation registration, released on close. */
    public record RelayedCall(ProgressListener listener, CallCancellations.Running running) implements AutoCloseable {
        @Override
        public void close() {
            running.close();
        }
    }

    Decision decide(DecisionRequest call, String feature) {
        Decision decision = policies.decideRelay(call, feature);
        return decision == null ? new Decision.Deny(List.of(), "policy engine returned no decision", List.of())
                : decision;
    }

    /** A redacted copy of a JSON object tree (credentials and, when PII guards are on, personal data). */
    Map<String, Object> redact(Map<String, Object> tree) {
        return redactor.redact(tree);
    }

    /** The client's answer as the upstream may see it. */
    Map<String, Object> screen(RelayFeature.Screening screening, Map<String, Object> answer) {
        return switch (screening) {
            case NONE -> answer;
            case SECRETS -> secrets.redact(answer);
            case SECRETS_AND_PERSONAL_DATA -> redactor.redact(answer);
        };
    }

    /** The size of a JSON tree as serialized, or {@code Integer.MAX_VALUE} when it cannot be serialized. */
    int jsonBytes(Object tree) {
        try {
            return json.writeValueAsBytes(tree).length;
        } catch (JsonProcessingException e) {
            return Integer.MAX_VALUE;
        }
    }

    void record(DecisionRequest call, String connector, String feature, Outcome outcome, String reason,
                Map<String, Object> request, Map<String, Object> answer, List<String> policyIds) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("connector", connector);
        if (call != null) {
            details.put("tool", call.tool().name());
        }
        details.put("policyIds", policyIds);
        if (request != null) {
            details.put("request", preview(redact(request)));
        }
        if (answer != null) {
            details.put("answer", preview(redact(answer)));
        }
        try {
            audit.append(new AuditEvent(clock.instant(), AuditEventType.RELAY, "relay." + feature, outcome,
                    call == null ? null : call.principal().agent().id(),
                    call == null ? null : call.principal().userIdOrNull(),
                    call == null ? null : call.session().id(), reason, details));
        } catch (RuntimeException e) {
            LOG.error("could not audit relay.{} from {}: {}", feature, connector, e.toString());
            throw e;
        }
    }

    private String preview(Map<String, Object> tree) {
        try {
            String text = json.writeValueAsString(tree);
            return text.length() <= AUDIT_PREVIEW_CHARS ? text : text.substring(0, AUDIT_PREVIEW_CHARS) + "…";
        } catch (JsonProcessingException e) {
            return "(not serializable)";
        }
    }
}
