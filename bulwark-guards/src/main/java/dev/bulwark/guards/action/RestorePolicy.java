package dev.bulwark.guards.action;

import java.util.Objects;

/** Decides whether an authorisation may restore a token that was issued in a session for a type. */
@FunctionalInterface
public interface RestorePolicy {

    boolean permits(RestoreAuthorisation authorisation, String tokenSessionId, String tokenType);

    /** The caller holds {@code role} and is entitled to the token's session (or to every session, {@code *}). */
    static RestorePolicy roleInSession(String role) {
        Objects.requireNonNull(role, "role");
        return (a, session, type) -> a.roles().contains(role)
                && (a.sessionId().equals(session) || a.sessionId().equals("*"));
    }

    /** Nobody may restore: tokens are one-way until a policy is configured. */
    static RestorePolicy nobody() {
        return (a, session, type) -> false;
    }
}
