package dev.bulwark.policy;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.User;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Cedar entities of recently seen agents and users, so that a decision does not rebuild them. Keyed by the whole
 * identity record (id, roles, attributes, ...): a changed role or attribute is a different key, never a stale entity.
 */
final class PrincipalCache {
    /** Past this many identities the cache starts over, bounding memory. */
    static final int MAX_ENTRIES = 4096;

    private final Map<Agent, PrincipalEntities> agents = new ConcurrentHashMap<>();
    private final Map<User, PrincipalEntities> users = new ConcurrentHashMap<>();

    PrincipalEntities of(Agent agent) {
        PrincipalEntities found = agents.get(agent);
        if (found != null) {
            return found;
        }
        if (agents.size() >= MAX_ENTRIES) {
            agents.clear();
        }
        return agents.computeIfAbsent(agent, PrincipalEntities::of);
    }

    PrincipalEntities of(User user) {
        PrincipalEntities found = users.get(user);
        if (found != null) {
            return found;
        }
        if (users.size() >= MAX_ENTRIES) {
            users.clear();
        }
        return users.computeIfAbsent(user, PrincipalEntities::of);
    }
}
