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
        if (!isValidId(id)) {
            throw new IllegalArgumentException(what + " must match " + ID.pattern() + ": " + id);
        }
        return id;
    }

    /**
     * Whether {@code id} matches {@link #ID}, checked character by character: agents' and users' ids are checked on
     * every request that reads one, and a regex match there was a measurable share of the gate's work.
     */
    static boolean isValidId(String id) {
        if (id.isEmpty() || id.length() > 128 || !alphanumeric(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!alphanumeric(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean alphanumeric(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }
}
