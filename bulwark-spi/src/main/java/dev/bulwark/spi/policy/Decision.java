package dev.bulwark.spi.policy;

import dev.bulwark.spi.Checks;
import java.util.List;

/** The answer of policy. Deny is the default: no permit, or any forbid, or any error denies. */
public sealed interface Decision permits Decision.Allow, Decision.Deny {

    /** Ids of the policies that determined the decision (permits for Allow, forbids for Deny). */
    List<String> policyIds();

    /**
     * @param policyIds   the permits that matched
     * @param obligations duties from the matching permits' annotations, e.g. approval
     */
    record Allow(List<String> policyIds, List<Obligation> obligations) implements Decision {
        public Allow {
            policyIds = List.copyOf(Checks.present(policyIds, "policyIds"));
            if (policyIds.isEmpty()) {
                throw new IllegalArgumentException("an Allow must name at least one permit policy");
            }
            obligations = List.copyOf(Checks.present(obligations, "obligations"));
        }

        public boolean requires(String obligationName) {
            return obligations.stream().anyMatch(o -> o.name().equals(obligationName));
        }
    }

    /**
     * @param policyIds the forbids that matched; empty when nothing permitted the call
     * @param reason    explanation safe to show the agent
     * @param errors    policy evaluation errors, if any (they deny too)
     */
    record Deny(List<String> policyIds, String reason, List<String> errors) implements Decision {
        public Deny {
            policyIds = List.copyOf(Checks.present(policyIds, "policyIds"));
            Checks.nonBlank(reason, "reason");
            errors = List.copyOf(Checks.present(errors, "errors"));
        }
    }

    default boolean allowed() {
        return this instanceof Allow;
    }
}
