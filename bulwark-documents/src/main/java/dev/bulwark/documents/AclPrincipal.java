package dev.bulwark.documents;

import dev.bulwark.spi.identity.Agent;

/**
 * A principal named in a document ACL or as its owner: {@code user:<id>} or {@code agent:<id>}. Agents and users are
 * distinct principals, so an entry must say which kind it means; a bare id is refused as ambiguous (an agent
 * registered with a user's id must never read that user's documents).
 */
public final class AclPrincipal {
    public static final String USER = "user:";
    public static final String AGENT = "agent:";

    private AclPrincipal() {}

    /**
     * Returns {@code entry} when it is {@code user:<id>} or {@code agent:<id>} with a valid id.
     *
     * @throws IllegalArgumentException naming the entry and the two accepted forms
     */
    public static String requireKinded(String entry, String what) {
        if (entry == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String id = entry.startsWith(USER) ? entry.substring(USER.length())
                : entry.startsWith(AGENT) ? entry.substring(AGENT.length()) : null;
        if (id == null) {
            throw new IllegalArgumentException(what + " '" + entry + "' must say whether it names a user or an agent: "
                    + "write user:" + entry + " or agent:" + entry);
        }
        Agent.requireValidId(id, what + " id");
        return entry;
    }

    public static String user(String id) {
        return USER + Agent.requireValidId(id, "user id");
    }

    public static String agent(String id) {
        return AGENT + Agent.requireValidId(id, "agent id");
    }
}
