package dev.bulwark.policy;

import java.util.List;

/**
 * What Cedar answered for one side of a decision (the agent, or the user under delegation).
 *
 * @param policyIds the determining policies: permits when allowed, forbids when denied
 * @param errors    evaluation errors; any error denies
 * @param lifted    forbids that matched but carry {@code @approval}, so that the side is allowed once a human approves
 */
record SideVerdict(PrincipalEntities side, boolean allowed, List<String> policyIds, List<String> errors,
                   List<String> lifted) {
    SideVerdict(PrincipalEntities side, boolean allowed, List<String> policyIds, List<String> errors) {
        this(side, allowed, policyIds, errors, List.of());
    }

    SideVerdict {
        policyIds = List.copyOf(policyIds);
        errors = List.copyOf(errors);
        lifted = List.copyOf(lifted);
        if (!allowed && !lifted.isEmpty()) {
            throw new IllegalArgumentException("only an allowed side has forbids lifted by approval");
        }
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
