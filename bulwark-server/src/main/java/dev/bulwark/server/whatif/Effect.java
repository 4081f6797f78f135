package dev.bulwark.server.whatif;

import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.Obligation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One side of a decision as a what-if compares it: allowed, allowed once a human approves, or denied, with the
 * policies responsible (the determining permits or forbids, and those that attached an approval).
 *
 * @param effect   {@code allow}, {@code approval} or {@code deny}
 * @param policies the policies responsible; empty for a deny no permit answered
 * @param reason   why, for a draft's deny (Cedar's reason and evaluation errors); empty otherwise
 */
public record Effect(String effect, List<String> policies, String reason) {
    public Effect {
        if (!Set.of("allow", "approval", "deny").contains(effect)) {
            throw new IllegalArgumentException("effect must be allow, approval or deny");
        }
        policies = List.copyOf(policies);
        reason = reason == null ? "" : reason;
    }

    /** What a draft decides. An obligation the gateway cannot fulfil denies, as the decide step does. */
    static Effect of(Decision decision) {
        if (decision instanceof Decision.Deny deny) {
            String reason = deny.reason() + (deny.errors().isEmpty() ? "" : " (" + String.join("; ", deny.errors()) + ")");
            return new Effect("deny", deny.policyIds(), reason);
        }
        Decision.Allow allow = (Decision.Allow) decision;
        Set<String> policies = new LinkedHashSet<>(allow.policyIds());
        boolean approval = false;
        for (Obligation o : allow.obligations()) {
            if (o.name().equals(Obligation.APPROVAL)) {
                approval = true;
                policies.add(o.policyId());
            } else {
                return new Effect("deny", List.of(o.policyId()), "obligation '" + o.name()
                        + "' cannot be fulfilled by the gateway");
            }
        }
        return new Effect(approval ? "approval" : "allow", List.copyOf(policies), "");
    }

    /** What a tool-call record says was decided. */
    static Effect recorded(String decision, Map<String, Object> details) {
        List<String> policies = new ArrayList<>();
        if (details.get("policyIds") instanceof List<?> ids) {
            ids.forEach(id -> policies.add(String.valueOf(id)));
        }
        if (details.get("obligations") instanceof List<?> obligations) {
            for (Object o : obligations) {
                if (o instanceof Map<?, ?> m && m.get("policyId") != null && !policies.contains(m.get("policyId")
                        .toString())) {
                    policies.add(m.get("policyId").toString());
                }
            }
        }
        return new Effect(decision, policies, "");
    }

    /** {@code allow by a, b} / {@code deny: no permit matched}. */
    String describe() {
        if (policies.isEmpty()) {
            return effect + (effect.equals("deny") ? ": no permit matched" + (reason.isEmpty() ? "" : " — " + reason)
                    : "");
        }
        return effect + " by " + String.join(", ", policies);
    }
}
