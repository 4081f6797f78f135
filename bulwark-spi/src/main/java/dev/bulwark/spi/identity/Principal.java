package dev.bulwark.spi.identity;

import dev.bulwark.spi.Checks;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The verified caller of one request: the agent, and the user it acts for when the credential was obtained by
 * delegation.
 *
 * @param agent     the agent as currently registered (status checked at verification time)
 * @param user      the user the agent acts for, if delegated
 * @param tokenId   the credential's {@code jti}, for revocation and audit (never the credential itself)
 * @param scopes    the scopes granted to the credential
 * @param expiresAt when the credential stops being accepted
 */
public record Principal(Agent agent, Optional<User> user, String tokenId, Set<String> scopes, Instant expiresAt) {
    public Principal {
        Checks.present(agent, "agent");
        Checks.present(user, "user");
        Checks.nonBlank(tokenId, "tokenId");
        scopes = Set.copyOf(Checks.present(scopes, "scopes"));
        Checks.present(expiresAt, "expiresAt");
    }

    public boolean delegated() {
        return user.isPresent();
    }

    /** The user's id under delegation, else {@code null}; for audit records. */
    public String userIdOrNull() {
        return user.map(User::id).orElse(null);
    }
}
