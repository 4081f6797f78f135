package dev.bulwark.engine.pipeline;

import dev.bulwark.engine.flow.CallProvenance;
import dev.bulwark.engine.flow.FlowStep;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.policy.Obligation;
import dev.bulwark.spi.policy.PolicyEngine;
import dev.bulwark.spi.policy.Subject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asks policy. A Deny ends the call. An Allow carrying an obligation that no later step fulfils ends it too: an
 * {@code approval} obligation as {@link Refusal#APPROVAL_REQUIRED}, any other as {@link Refusal#DENIED}, because
 * an obligation is something the gateway must do for the call to proceed. The provenance a {@link FlowStep} left
 * goes to policy as {@code context.flow}.
 */
public final class DecideStep implements CallStep {
    /** Exactly what policy was asked, kept for the audit record (so a policy what-if can ask again). */
    public static final ContextKey<DecisionRequest> REQUEST = ContextKey.of("decisionRequest", DecisionRequest.class);
    /**
     * The resource or prompt the call reads, when a step before this one set it: policy then decides about it in
     * place of the tool (see {@link DecisionRequest#subject()}).
     */
    public static final ContextKey<Subject> SUBJECT = ContextKey.of("subject", Subject.class);

    private final PolicyEngine policies;
    private final Set<String> fulfilledObligations;

    /**
     * @param fulfilledObligations names of obligations that later steps carry out (e.g. {@code approval} once an
     *                             approval step is in the pipeline)
     */
    public DecideStep(PolicyEngine policies, Set<String> fulfilledObligations) {
        this.policies = Checks.present(policies, "policies");
        this.fulfilledObligations = Set.copyOf(Checks.present(fulfilledObligations, "fulfilledObligations"));
    }

    public DecideStep(PolicyEngine policies) {
        this(policies, Set.of());
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        DecisionRequest request = new DecisionRequest(call.requirePrincipal(), call.requireTool(),
                call.requireArguments(), call.requireSession(), call.receivedAt(),
                call.get(FlowStep.PROVENANCE).map(CallProvenance::toJson).orElse(Map.of()),
                call.get(SUBJECT).orElse(null));
        Decision decision = policies.decide(request);
        if (decision == null) {
            return call.refuse(Refusal.INTERNAL_ERROR, "internal error", "policy engine returned no decision");
        }
        CallContext decided = call.withDecision(decision).with(REQUEST, request);
        if (decision instanceof Decision.Deny deny) {
            return decided.refuse(Refusal.DENIED, "denied: " + deny.reason() + policyList(deny.policyIds()));
        }
        Decision.Allow allow = (Decision.Allow) decision;
        for (Obligation obligation : allow.obligations()) {
            if (fulfilledObligations.contains(obligation.name())) {
                continue;
            }
            if (obligation.name().equals(Obligation.APPROVAL)) {
                String asking = String.join(", ", allow.obligations().stream()
                        .filter(o -> o.name().equals(Obligation.APPROVAL)).map(Obligation::policyId).distinct()
                        .toList());
                return decided.refuse(Refusal.APPROVAL_REQUIRED, "policy " + asking
                        + " requires human approval for " + call.requireTool().name()
                        + ", and no approval queue is configured");
            }
            return decided.refuse(Refusal.DENIED, "policy " + obligation.policyId() + " attaches obligation '"
                    + obligation.name() + "', which this gateway cannot fulfil");
        }
        return next.proceed(decided);
    }

    private static String policyList(List<String> policyIds) {
        return policyIds.isEmpty() ? "" : " (policies: " + String.join(", ", policyIds) + ")";
    }
}
