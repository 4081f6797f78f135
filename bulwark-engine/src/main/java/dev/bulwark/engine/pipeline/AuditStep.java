package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.guard.Redactor;
import dev.bulwark.spi.identity.Principal;
import java.util.Map;

/**
 * The outermost step: records every call as exactly one {@code TOOL_CALL} event, whatever its outcome. Arguments are
 * redacted before the call proceeds; if they cannot be, the call is refused. If the event cannot be appended, the
 * outcome becomes an internal error: a result that was not recorded is never returned.
 */
public final class AuditStep implements CallStep {
    /** The arguments as received and as this step redacted them, so later records need not redact them again. */
    static final ContextKey<RedactedArguments> REDACTED_ARGUMENTS = ContextKey.of("redacted-arguments",
            RedactedArguments.class);

    /**
     * What {@code by} made of {@code from}: as it returned it, and as audit records hold it ({@code recorded}, in the
     * canonical form records are hashed in, built once per call for every record that carries the arguments).
     */
    record RedactedArguments(Redactor by, Map<String, Object> from, Map<String, Object> redacted,
                             Map<String, Object> recorded) {
    }

    private final AuditLog auditLog;
    private final Redactor redactor;
    /** Built once: it remembers redacted principals and flow facts across calls. */
    private final AuditEvents events;

    public AuditStep(AuditLog auditLog, Redactor redactor) {
        this.auditLog = Checks.present(auditLog, "auditLog");
        this.redactor = Checks.present(redactor, "redactor");
        this.events = new AuditEvents(redactor);
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        Map<String, Object> arguments = redactSafely(call.request().arguments());
        Map<String, Object> recorded = arguments == null ? null : AuditEvents.canonical(arguments);
        Conclusion conclusion = arguments == null
                ? call.refuse(Refusal.INTERNAL_ERROR, "internal error", "arguments could not be redacted")
                : next.proceed(call.with(REDACTED_ARGUMENTS,
                        new RedactedArguments(redactor, call.request().arguments(), arguments, recorded)));
        AuditEvent event;
        try {
            event = events.toolCall(conclusion, action(conclusion.call()), arguments, recorded);
        } catch (RuntimeException e) {
            conclusion = conclusion.call().refuse(Refusal.INTERNAL_ERROR, "internal error",
                    "audit event could not be built: " + e.getClass().getName());
            event = minimalEvent(conclusion);
        }
        try {
            auditLog.append(event);
        } catch (Exception e) {
            return conclusion.call().refuse(Refusal.INTERNAL_ERROR, "audit unavailable",
                    "audit append failed: " + e.getClass().getName());
        }
        return conclusion;
    }

    /**
     * {@code arguments} as {@code redactor} redacts them: what this step recorded when they equal the arguments it
     * received and it used the same redactor, else redacted now.
     */
    static Map<String, Object> redactedArguments(CallContext call, Map<String, Object> arguments, Redactor redactor) {
        RedactedArguments known = call.get(REDACTED_ARGUMENTS).orElse(null);
        if (known != null && known.by() == redactor && known.from().equals(arguments)) {
            return known.redacted();
        }
        return redactor.redact(arguments);
    }

    /** {@link #redactedArguments} as audit records hold them (canonical, built once per call when known). */
    static Map<String, Object> recordedArguments(CallContext call, Map<String, Object> arguments, Redactor redactor) {
        RedactedArguments known = call.get(REDACTED_ARGUMENTS).orElse(null);
        if (known != null && known.by() == redactor && known.from().equals(arguments)) {
            return known.recorded();
        }
        return AuditEvents.canonical(redactor.redact(arguments));
    }

    private Map<String, Object> redactSafely(Map<String, Object> raw) {
        try {
            return redactor.redact(raw);
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /** The tool's name once resolved; else the requested name if it is well-formed; else {@code unknown}. */
    static String action(CallContext call) {
        if (call.tool().isPresent()) {
            return call.tool().get().name();
        }
        String requested = call.request().toolName();
        return dev.bulwark.spi.tool.Tool.validName(requested) ? requested : "unknown";
    }

    private static AuditEvent minimalEvent(Conclusion conclusion) {
        CallContext call = conclusion.call();
        Refusal code = conclusion.outcome() instanceof CallOutcome.Refused refused ? refused.code()
                : Refusal.INTERNAL_ERROR;
        return new AuditEvent(call.receivedAt(), AuditEventType.TOOL_CALL, action(call),
                code.auditOutcome(),
                call.principal().map(p -> p.agent().id()).orElse(null),
                call.principal().map(Principal::userIdOrNull).orElse(null), call.request().sessionId(), code.name(),
                Map.of("callId", call.callId(), "arguments", "[unrecordable]"));
    }
}
