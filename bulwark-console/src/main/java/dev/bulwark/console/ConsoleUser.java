package dev.bulwark.console;

import java.util.Objects;
import java.util.Set;

/**
 * A human signed in to the console.
 *
 * @param id    the user id, or {@code admin} for the admin token
 * @param role  what the console lets them reach
 * @param roles the user's roles as registered (shown, never trusted by the console: the API decides)
 */
public record ConsoleUser(String id, ConsoleRole role, Set<String> roles) {
    public ConsoleUser {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a console user needs an id");
        }
        Objects.requireNonNull(role, "role");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }
}
