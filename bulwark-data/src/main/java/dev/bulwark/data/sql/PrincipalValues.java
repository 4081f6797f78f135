package dev.bulwark.data.sql;

import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.identity.User;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Principal references in policy SQL: {@code agent.id}, {@code agent.owner}, {@code agent.<attribute>},
 * {@code user.id}, {@code user.<attribute>}, {@code principal.id} (the agent id) and {@code principal.<attribute>}.
 *
 * <p>Attributes are strings; a multi-valued attribute is a comma-separated list ({@code "EU, NA"}), entries trimmed,
 * empty entries dropped. {@code principal.<attribute>} is the agent's value, and under delegation the intersection
 * of the agent's and the user's values (both must have the attribute): effective rights are agent ∩ user.
 * A reference that resolves to nothing makes the row filter false and the mask NULL (fail closed).
 */
final class PrincipalValues {
    static final Pattern REFERENCE = Pattern.compile("(agent|user|principal)\\.[A-Za-z_][A-Za-z0-9_]{0,63}");

    private PrincipalValues() {}

    static String requireReference(String reference) {
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            throw new IllegalArgumentException("principal reference must look like agent.x, user.x or principal.x: "
                    + reference);
        }
        return reference;
    }

    static Optional<String> resolve(Principal principal, String reference) {
        int dot = reference.indexOf('.');
        String scope = reference.substring(0, dot);
        String key = reference.substring(dot + 1);
        return switch (scope) {
            case "agent" -> agentValue(principal, key);
            case "user" -> principal.user().flatMap(user -> userValue(user, key));
            case "principal" -> principalValue(principal, key);
            default -> Optional.empty();
        };
    }

    private static Optional<String> agentValue(Principal principal, String key) {
        return switch (key) {
            case "id" -> Optional.of(principal.agent().id());
            case "owner" -> Optional.of(principal.agent().owner());
            default -> Optional.ofNullable(principal.agent().attributes().get(key));
        };
    }

    private static Optional<String> userValue(User user, String key) {
        return "id".equals(key) ? Optional.of(user.id()) : Optional.ofNullable(user.attributes().get(key));
    }

    private static Optional<String> principalValue(Principal principal, String key) {
        if ("id".equals(key)) {
            return Optional.of(principal.agent().id());
        }
        Optional<String> agent = Optional.ofNullable(principal.agent().attributes().get(key));
        if (principal.user().isEmpty() || agent.isEmpty()) {
            return agent;
        }
        Optional<String> user = Optional.ofNullable(principal.user().get().attributes().get(key));
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Set<String> both = new LinkedHashSet<>(split(agent.get()));
        both.retainAll(split(user.get()));
        return Optional.of(String.join(",", both));
    }

    static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String trimmed = part.strip();
            if (!trimmed.isEmpty()) {
                parts.add(trimmed);
            }
        }
        return parts;
    }
}
