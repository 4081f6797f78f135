package dev.bulwark.server.http;

import dev.bulwark.spi.identity.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which principal opened which MCP session. The SDK's sessions are addressed by the {@code Mcp-Session-Id} header
 * alone; binding them to the agent (and user) that initialized them stops another authenticated caller from using,
 * or listening on, a session id it learned. Bounded: the oldest bindings go first, and a request on a session that
 * is no longer bound is refused like an unknown session.
 */
public final class SessionBindings {
    private final int capacity;
    private final Map<String, String> owners;

    public SessionBindings(int capacity) {
        this.capacity = capacity;
        this.owners = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > SessionBindings.this.capacity;
            }
        };
    }

    /** The principal as sessions are bound to it: agent and user (if any). */
    public static String ownerOf(Principal principal) {
        return principal.agent().id() + "|" + (principal.user().isPresent() ? principal.user().get().id() : "");
    }

    public synchronized void bind(String sessionId, Principal principal) {
        owners.put(sessionId, ownerOf(principal));
    }

    /** True when the session was opened by this same principal. */
    public synchronized boolean ownedBy(String sessionId, Principal principal) {
        return ownerOf(principal).equals(owners.get(sessionId));
    }

    public synchronized void unbind(String sessionId) {
        owners.remove(sessionId);
    }
}
