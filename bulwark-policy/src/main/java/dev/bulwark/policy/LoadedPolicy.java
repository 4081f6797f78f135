package dev.bulwark.policy;

import com.cedarpolicy.model.policy.Policy;
import dev.bulwark.spi.policy.Obligation;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One parsed policy with what Bulwark needs besides Cedar's own evaluation: its stable id, its scope (to slice and
 * to list), whether it has conditions, its obligations and where it was written.
 *
 * @param cedar     the policy as cedar-java evaluates it, carrying {@code id} as its Cedar policy id
 * @param scopeless the same policy with an open scope, for slices whose members' scopes are known to match
 * @param reads     what its conditions can read
 */
record LoadedPolicy(String id, boolean permit, ScopeConstraint principal, ScopeConstraint action,
                    ScopeConstraint resource, boolean unconditional, List<Obligation> obligations, Policy cedar,
                    Policy scopeless, ConditionUse reads, Path file, int line, int column) {
    LoadedPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        obligations = List.copyOf(obligations);
        Objects.requireNonNull(cedar, "cedar");
        Objects.requireNonNull(scopeless, "scopeless");
        Objects.requireNonNull(reads, "reads");
        Objects.requireNonNull(file, "file");
    }

    /** Whether the policy's action and resource scope can match calls of this tool. */
    boolean concerns(ToolEntities tool) {
        return action.matches(tool.action(), ToolEntities.ACTION_ANCESTORS)
                && resource.matches(tool.resource(), tool.resourceAncestors());
    }

    /** Whether the principal scope matches (the action and resource scopes are settled by slicing). */
    boolean admits(EntityRef principalRef, Set<EntityRef> principalAncestors) {
        return principal.matches(principalRef, principalAncestors);
    }

    /**
     * Whether this is a permit without any constraint: every principal (of any type), every action (or the group
     * {@code call}, which holds them all), every tool, no condition.
     */
    boolean permitsEverything() {
        return permit && unconditional && unconstrained(principal) && unconstrained(resource)
                && (unconstrained(action) || action.equals(new ScopeConstraint.In(Set.of(ToolEntities.CALL))));
    }

    private static boolean unconstrained(ScopeConstraint scope) {
        return scope instanceof ScopeConstraint.Any;
    }

    /** A problem located at an offset inside this policy's source text. */
    PolicyProblem problemAt(int offset, String message) {
        String text = cedar.getSource();
        int safe = Math.max(0, Math.min(offset, text.length()));
        int lastNewline = text.lastIndexOf('\n', safe - 1);
        long newlines = text.substring(0, safe).chars().filter(c -> c == '\n').count();
        int atLine = line + (int) newlines;
        int atColumn = lastNewline < 0 ? column + safe : safe - lastNewline;
        return new PolicyProblem(file, atLine, atColumn, message);
    }

    String location() {
        return file.getFileName() + ":" + line + ":" + column;
    }
}
