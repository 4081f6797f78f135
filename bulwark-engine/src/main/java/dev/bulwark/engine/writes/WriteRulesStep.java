package dev.bulwark.engine.writes;

import dev.bulwark.engine.pipeline.AuditNotes;
import dev.bulwark.engine.pipeline.CallContext;
import dev.bulwark.engine.pipeline.CallStep;
import dev.bulwark.engine.pipeline.Conclusion;
import dev.bulwark.engine.pipeline.Refusal;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.Obligation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the {@link WriteRules} to a call policy allowed; it goes right after the decide step, before any approval
 * step. Deny refuses with the rule's reason; Modify hands the connector the modified arguments; Escalate adds an
 * {@code approval} obligation for the approval step, or refuses with {@link Refusal#APPROVAL_REQUIRED} when no
 * approval step is configured. An error while evaluating refuses (fail closed). The audit record's {@code writes}
 * field says which outcome and why.
 */
public final class WriteRulesStep implements CallStep {
    /** Policy id under which escalations appear among the call's obligations. */
    public static final String POLICY_ID = "bulwark.writes";

    private final WriteRules rules;
    private final boolean approvalStepFollows;

    /**
     * @param approvalStepFollows whether a later step carries out the {@code approval} obligation
     */
    public WriteRulesStep(WriteRules rules, boolean approvalStepFollows) {
        this.rules = Checks.present(rules, "rules");
        this.approvalStepFollows = approvalStepFollows;
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        String tool = call.requireTool().name();
        Decision.Allow allow = call.requireAllow();
        if (!rules.governs(tool)) {
            return next.proceed(call);
        }
        Principal principal = call.requirePrincipal();
        WriteVerdict verdict;
        try {
            verdict = rules.evaluate(new WriteSubject(tool, principal.agent().id(), principal.userIdOrNull(),
                    call.request().sessionId()), call.requireArguments(), call.receivedAt());
        } catch (RuntimeException e) {
            return note(call, "deny", List.of("write rules could not be evaluated"), List.of())
                    .refuse(Refusal.DENIED, "denied: write rules for " + tool + " could not be checked",
                            "write rules failed: " + e.getClass().getName());
        }
        return switch (verdict) {
            case WriteVerdict.Allow a -> next.proceed(note(call, "allow", List.of(), List.of()));
            case WriteVerdict.Deny d -> note(call, "deny", List.of(d.reason()), List.of())
                    .refuse(Refusal.DENIED, "denied by write rule: " + d.reason());
            case WriteVerdict.Modify m -> next.proceed(note(call.withArguments(m.arguments()), "modify", List.of(),
                    m.changes()));
            case WriteVerdict.Escalate e -> escalate(call, allow, e, next);
        };
    }

    private Conclusion escalate(CallContext call, Decision.Allow allow, WriteVerdict.Escalate e, Chain next) {
        CallContext noted = note(call.withArguments(e.arguments()), "escalate", e.reasons(), e.changes());
        String reasons = String.join("; ", e.reasons());
        if (!approvalStepFollows) {
            return noted.refuse(Refusal.APPROVAL_REQUIRED, "write rule requires human approval for "
                    + call.requireTool().name() + " (" + reasons + "), and no approval queue is configured");
        }
        List<Obligation> obligations = new ArrayList<>(allow.obligations());
        obligations.add(new Obligation(Obligation.APPROVAL, reasons, POLICY_ID));
        return next.proceed(noted.withDecision(new Decision.Allow(allow.policyIds(), obligations)));
    }

    private static CallContext note(CallContext call, String outcome, List<String> reasons, List<String> changes) {
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("outcome", outcome);
        note.put("reasons", reasons);
        note.put("changes", changes);
        return AuditNotes.add(call, "writes", note);
    }
}
