package dev.bulwark.engine.writes;

import java.util.Locale;

/**
 * Whose calls a rate or budget limit counts together. {@code USER} counts the delegating user's calls across all
 * agents; a call made by an agent on its own (no user) counts under that agent's own entry in the user scope.
 */
public enum Scope {
    SESSION, AGENT, USER;

    public static Scope parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("scope is required: session, agent or user");
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "session" -> SESSION;
            case "agent" -> AGENT;
            case "user" -> USER;
            default -> throw new IllegalArgumentException("scope must be session, agent or user, not '" + text + "'");
        };
    }

    /** The counted party for a subject, prefixed so that scopes never share an entry. */
    String party(WriteSubject subject) {
        return switch (this) {
            case SESSION -> "session:" + subject.sessionId();
            case AGENT -> "agent:" + subject.agentId();
            case USER -> subject.userId() == null ? "user:-agent:" + subject.agentId() : "user:" + subject.userId();
        };
    }
}
