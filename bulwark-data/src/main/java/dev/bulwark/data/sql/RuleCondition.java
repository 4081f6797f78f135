package dev.bulwark.data.sql;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Principal;
import java.util.Map;
import java.util.Set;

/**
 * When an {@link AccessRule} applies. All parts must hold; an empty part holds for everyone.
 *
 * @param agentRoles the agent must have at least one of these roles
 * @param userRoles  the call must be delegated and the user must have at least one of these roles
 * @param attributes each key is a principal reference such as {@code agent.department}, {@code user.clearance} or
 *                   {@code principal.regions}; its value (a comma-separated list for multi-valued attributes) must
 *                   contain the given value
 */
public record RuleCondition(Set<String> agentRoles, Set<String> userRoles, Map<String, String> attributes) {
    public static final RuleCondition ALWAYS = new RuleCondition(Set.of(), Set.of(), Map.of());

    public RuleCondition {
        agentRoles = Set.copyOf(Checks.present(agentRoles, "agentRoles"));
        userRoles = Set.copyOf(Checks.present(userRoles, "userRoles"));
        attributes = Map.copyOf(Checks.present(attributes, "attributes"));
        for (String reference : attributes.keySet()) {
            PrincipalValues.requireReference(reference);
        }
    }

    public static RuleCondition agentRole(String role) {
        return new RuleCondition(Set.of(role), Set.of(), Map.of());
    }

    boolean matches(Principal principal) {
        if (!agentRoles.isEmpty() && agentRoles.stream().noneMatch(principal.agent().roles()::contains)) {
            return false;
        }
        if (!userRoles.isEmpty() && principal.user()
                .map(user -> userRoles.stream().noneMatch(user.roles()::contains)).orElse(true)) {
            return false;
        }
        for (Map.Entry<String, String> required : attributes.entrySet()) {
            var values = PrincipalValues.resolve(principal, required.getKey());
            if (values.isEmpty() || !PrincipalValues.split(values.get()).contains(required.getValue())) {
                return false;
            }
        }
        return true;
    }
}
