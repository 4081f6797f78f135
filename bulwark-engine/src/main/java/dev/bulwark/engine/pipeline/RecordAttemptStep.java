package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.guard.Redactor;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Write-ahead record of side effects: right before the connector runs a tool that changes something (kind write,
 * egress or execute), appends a durable {@link AuditEventType#TOOL_ATTEMPT} record carrying the call id. Only once
 * the log confirms it committed does the call go on; if it cannot be written, the call is refused and the connector
 * never runs (fail closed). {@link AuditStep} later writes the outcome with the same call id, so an attempt without
 * an outcome shows a side effect whose result is unknown (the process died between the two). Read tools need no
 * attempt record: they change nothing that an auditor could miss.
 */
public final class RecordAttemptStep implements CallStep {
    private final AuditLog auditLog;
    private final Redactor redactor;

    public RecordAttemptStep(AuditLog auditLog, Redactor redactor) {
        this.auditLog = Checks.present(auditLog, "auditLog");
        this.redactor = Checks.present(redactor, "redactor");
    }

    /** Whether calls of this tool get an attempt record before they run. */
    public static boolean hasSideEffects(Tool tool) {
        return tool.kind() != ToolKind.READ;
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        Tool tool = call.requireTool();
        if (!hasSideEffects(tool)) {
            return next.proceed(call);
        }
        AuditEvent attempt;
        try {
            attempt = attempt(call, tool);
        } catch (RuntimeException | StackOverflowError e) {
            return call.refuse(Refusal.INTERNAL_ERROR, "internal error",
                    "attempt record could not be built: " + e.getClass().getName());
        }
        try {
            auditLog.append(attempt);
        } catch (Exception e) {
            return call.refuse(Refusal.INTERNAL_ERROR, "audit unavailable",
                    "attempt record not written, the tool was not run: " + e.getClass().getName());
        }
        return next.proceed(call);
    }

    private AuditEvent attempt(CallContext call, Tool tool) {
        Principal principal = call.requirePrincipal();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("callId", call.callId());
        details.put("kind", tool.kind().label());
        details.put("arguments", AuditStep.recordedArguments(call, call.requireArguments(), redactor));
        details.put("policyIds", call.decision().map(Decision::policyIds).orElse(List.of()));
        return new AuditEvent(call.receivedAt(), AuditEventType.TOOL_ATTEMPT, tool.name(), Outcome.ATTEMPTED,
                principal.agent().id(), principal.userIdOrNull(), call.request().sessionId(), "ATTEMPTED",
                AuditEvents.canonical(details));
    }
}
