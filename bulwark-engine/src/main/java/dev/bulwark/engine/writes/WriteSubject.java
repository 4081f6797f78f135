package dev.bulwark.engine.writes;

import dev.bulwark.spi.Checks;

/**
 * Who makes a call, for counting.
 *
 * @param tool      the tool's full name
 * @param agentId   the calling agent
 * @param userId    the delegating user, or {@code null} when the agent acts on its own
 * @param sessionId the session
 */
public record WriteSubject(String tool, String agentId, String userId, String sessionId) {
    public WriteSubject {
        Checks.nonBlank(tool, "tool");
        Checks.nonBlank(agentId, "agentId");
        Checks.nonBlank(sessionId, "sessionId");
    }
}
