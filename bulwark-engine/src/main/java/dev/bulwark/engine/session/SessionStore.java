package dev.bulwark.engine.session;

import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.session.SessionFacts;
import java.util.Set;

/**
 * Where sessions live. A session belongs to the principal (agent, and user under delegation) that first used its id;
 * anyone else presenting that id is refused, so a leaked or guessed id cannot be used to ride on (or reset) another
 * agent's session.
 */
public interface SessionStore {

    /**
     * The session's facts before this call, opening the session on first use.
     *
     * @throws SessionRefusedException when the id belongs to another principal, or no session can be opened
     */
    SessionFacts current(String sessionId, Principal principal) throws SessionRefusedException;

    /**
     * Records a call that delivered output to the agent, and the labels of that output.
     *
     * @throws IllegalStateException when the session is unknown (expired or never opened)
     */
    void recordCall(String sessionId, String toolName, Set<String> labelsSeen);
}
