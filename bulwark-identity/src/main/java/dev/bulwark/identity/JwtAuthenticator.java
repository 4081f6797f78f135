package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.identity.Authentication.Reason;
import dev.bulwark.spi.identity.Authenticator;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.identity.User;
import java.time.Clock;
import java.util.Optional;

/**
 * Verifies Bulwark access tokens on every call. Besides the token itself (see {@link JwtVerifier}) it refuses user
 * tokens presented as access tokens, and looks the agent (and, under delegation, the user) up on every call, so a
 * suspension or a revocation takes effect on the very next call. Any failure, including a database error, is a
 * rejection.
 */
public final class JwtAuthenticator implements Authenticator {
    private final JwtVerifier verifier;
    private final SqlAgentStore agents;
    private final SqlUserStore users;

    public JwtAuthenticator(Ed25519KeySet keys, TokenSettings settings, SqlAgentStore agents, SqlUserStore users,
                            SqlRevocationList revocations) {
        this(keys, settings, agents, users, revocations, Clock.systemUTC());
    }

    public JwtAuthenticator(Ed25519KeySet keys, TokenSettings settings, SqlAgentStore agents, SqlUserStore users,
                            SqlRevocationList revocations, Clock clock) {
        this.verifier = new JwtVerifier(Checks.present(keys, "keys"), Checks.present(settings, "settings"),
                Checks.present(revocations, "revocations"), Checks.present(clock, "clock"));
        this.agents = Checks.present(agents, "agents");
        this.users = Checks.present(users, "users");
    }

    @Override
    public Authentication authenticate(String bearerToken) {
        try {
            return authenticateOrThrow(bearerToken);
        } catch (RuntimeException e) {
            return new Authentication.Rejected(Reason.UNAVAILABLE, "the caller's identity could not be checked");
        }
    }

    private Authentication authenticateOrThrow(String bearerToken) {
        TokenCheck check = verifier.check(bearerToken);
        if (check instanceof TokenCheck.Invalid invalid) {
            return new Authentication.Rejected(invalid.reason(), invalid.detail());
        }
        VerifiedToken token = ((TokenCheck.Valid) check).token();
        if (token.use() != TokenUse.ACCESS) {
            return new Authentication.Rejected(Reason.WRONG_TOKEN_TYPE,
                    "a user token is not an access token; exchange it at the token endpoint");
        }
        String agentId = token.actor().orElse(token.subject());
        Optional<Agent> agent = agents.find(agentId);
        if (agent.isEmpty()) {
            return new Authentication.Rejected(Reason.UNKNOWN_AGENT, "agent " + agentId + " is not registered");
        }
        if (!agent.get().active()) {
            return new Authentication.Rejected(Reason.AGENT_SUSPENDED, "agent " + agentId + " is suspended");
        }
        Optional<User> user = Optional.empty();
        if (token.actor().isPresent()) {
            user = users.find(token.subject());
            if (user.isEmpty()) {
                return new Authentication.Rejected(Reason.UNKNOWN_USER,
                        "user " + token.subject() + " is not registered");
            }
        }
        return new Authentication.Authenticated(
                new Principal(agent.get(), user, token.tokenId(), token.scopes(), token.expiresAt()));
    }
}
