package dev.bulwark.policy;

import java.util.List;

/**
 * What Cedar answered for one side of a decision (the agent, or the user under delegation).
 *
 * @param policyIds the determining policies: permits when allowed, forbids when denied
 * @param errors    evaluation errors; any error denies
 */
record SideVerdict(PrincipalEntities side, boolean allowed, List<String> policyIds, List<String> errors) {
    SideVerdict {
        policyIds = List.copyOf(policyIds);
        errors = List.copyOf(errors);
        if (allowed && (!errors.isEmpty() || policyIds.isEmpty())) {
            throw new IllegalArgumentException("an allowed side has a permit and no error");
        }
    }

    String denial(String toolName) {
        if (!errors.isEmpty()) {
            return "policy evaluation failed for " + side.description();
        }
        if (!policyIds.isEmpty()) {
            return "forbidden for " + side.description() + " by " + String.join(", ", policyIds);
        }
        return "no policy permits " + side.description() + " to call " + toolName;
    }
}
