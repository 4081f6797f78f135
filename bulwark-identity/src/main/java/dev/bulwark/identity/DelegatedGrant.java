package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Agent;
import java.util.Set;

/**
 * What a user granted a client at the consent page: the client may act for the user through its agent with these
 * scopes. Every code and refresh token of one login shares the {@code family} id, which is also in the {@code chain} of
 * every access token issued from them, so revoking the family (on reuse of a code or refresh token) revokes them all.
 */
record DelegatedGrant(String clientId, String userId, String agentId, Set<String> scopes, String family) {
    DelegatedGrant {
        Checks.nonBlank(clientId, "clientId");
        Agent.requireValidId(userId, "userId");
        Agent.requireValidId(agentId, "agentId");
        scopes = Set.copyOf(Checks.present(scopes, "scopes"));
        Checks.nonBlank(family, "family");
    }
}
