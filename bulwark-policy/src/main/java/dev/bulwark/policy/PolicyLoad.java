package dev.bulwark.policy;

import java.util.List;

/** The outcome of loading or validating a policy directory. */
public sealed interface PolicyLoad permits PolicyLoad.Loaded, PolicyLoad.Rejected {

    /**
     * The directory is valid; on reload, its policies are now in force.
     *
     * @param warnings policies that load but look wrong: ones that can never match, ones that permit everything,
     *                 and (in permissive validation) schema errors
     */
    record Loaded(int policyCount, List<PolicyProblem> warnings) implements PolicyLoad {
        public Loaded {
            if (policyCount < 0) {
                throw new IllegalArgumentException("policyCount must be >= 0");
            }
            warnings = List.copyOf(warnings);
        }

        public Loaded(int policyCount) {
            this(policyCount, List.of());
        }
    }

    /** The directory is invalid; on reload, the policies in force before stay in force. */
    record Rejected(List<PolicyProblem> problems) implements PolicyLoad {
        public Rejected {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a rejection must name at least one problem");
            }
        }
    }

    default boolean loaded() {
        return this instanceof Loaded;
    }
}
