package dev.bulwark.spi.identity;

import dev.bulwark.spi.Checks;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A registered agent identity.
 *
 * @param id         stable identifier, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}
 * @param owner      the human or team accountable for the agent
 * @param roles      role names, used by policies as group membership
 * @param attributes free attributes (e.g. {@code department}), visible to policies
 * @param status     active or suspended
 * @param createdAt  registration time
 */
public record Agent(String id, String owner, Set<String> roles, Map<String, String> attributes, AgentStatus status,
                    Instant createdAt) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public Agent {
        requireValidId(id, "agent id");
        Checks.nonBlank(owner, "owner");
        roles = Set.copyOf(Checks.present(roles, "roles"));
        attributes = Map.copyOf(Checks.present(attributes, "attributes"));
        Checks.present(status, "status");
        Checks.present(createdAt, "createdAt");
    }

    public boolean active() {
        return status == AgentStatus.ACTIVE;
    }

    public Agent withStatus(AgentStatus newStatus) {
        return new Agent(id, owner, roles, attributes, newStatus, createdAt);
    }

    /** Identifiers of agents and users share one syntax so they embed safely in policy entity ids and URLs. */
    public static String requireValidId(String id, String what) {
        Checks.present(id, what);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " must match " + ID.pattern() + ": " + id);
        }
        return id;
    }
}
