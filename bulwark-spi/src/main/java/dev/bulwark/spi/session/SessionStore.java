package dev.bulwark.spi.session;

import dev.bulwark.spi.identity.Principal;
import java.util.Optional;
import java.util.Set;

/**
 * Where sessions (agent tasks) live. A session belongs to the principal (agent, and user under delegation) that first
 * used its id; anyone else presenting that id is refused, so a leaked or guessed id cannot be used to ride on (or
 * reset) another agent's session.
 *
 * <p>Rules every implementation keeps, also when several gateways share one store: labels only ever grow (a label
 * recorded is never lost to a concurrent update), the call count only increases, recent tools are bounded, and a
 * session at a bound of {@link SessionLimits} refuses the update rather than forget what it has seen.
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
     * @throws IllegalStateException when the session is unknown (expired or never opened), or recording would exceed
     *                               a bound (the caller must then withhold the output)
     */
    void recordCall(String sessionId, String toolName, Set<String> labelsSeen);

    /** A named extension blob of an open session, if one was stored. */
    Optional<SessionExtension> extension(String sessionId, String name);

    /**
     * Stores a named extension blob if its version is still {@code expectedVersion} (0 when absent); the stored
     * version becomes {@code expectedVersion + 1}. Returns false when another writer got there first: read again,
     * merge, retry.
     *
     * @throws IllegalStateException    when the session is not open
     * @throws IllegalArgumentException when the name or the size is outside {@link SessionLimits}
     */
    boolean replaceExtension(String sessionId, String name, long expectedVersion, byte[] data);
}
