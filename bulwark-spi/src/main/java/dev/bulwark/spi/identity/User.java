package dev.bulwark.spi.identity;

import dev.bulwark.spi.Checks;
import java.util.Map;
import java.util.Set;

/**
 * A human on whose behalf an agent acts. Under delegation the effective permission is what both the agent and the
 * user may do.
 */
public record User(String id, Set<String> roles, Map<String, String> attributes) {
    public User {
        Agent.requireValidId(id, "user id");
        roles = Set.copyOf(Checks.present(roles, "roles"));
        attributes = Map.copyOf(Checks.present(attributes, "attributes"));
    }
}
