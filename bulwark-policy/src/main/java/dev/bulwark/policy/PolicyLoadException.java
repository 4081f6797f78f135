package dev.bulwark.policy;

import java.util.List;
import java.util.stream.Collectors;

/** The policy directory given at start-up is invalid, so no engine exists to fall back on. */
public final class PolicyLoadException extends RuntimeException {
    private final List<PolicyProblem> problems;

    PolicyLoadException(List<PolicyProblem> problems) {
        super("invalid policies:\n" + problems.stream().map(PolicyProblem::toString)
                .collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
