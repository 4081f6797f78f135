package dev.bulwark.identity;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The RFC 8693 token exchange grant of the {@link TokenEndpoint}: an agent, authenticated by its client credentials or
 * an {@code actor_token} (its own access token), presents a user token as {@code subject_token} and gets a delegated
 * access token with {@code sub} = user and {@code act.sub} = agent. The delegated token never outlives the user token
 * and never carries more scopes than it, nor than the actor token when one is presented, and carries the {@code jti}s of the subject and actor tokens ({@code chain}), so
 * revoking either revokes it. As RFC 8693 §2.2.2 requires, an unacceptable subject or actor token is
 * {@code invalid_request}.
 */
final class TokenExchangeGrant {
    private static final Set<String> ACCEPTED_TOKEN_TYPES = Set.of(TokenEndpoint.ACCESS_TOKEN_TYPE,
            TokenEndpoint.JWT_TOKEN_TYPE);

    private final JwtSigner signer;
    private final JwtVerifier verifier;
    private final TokenSettings settings;
    private final ClientAuthentication clients;
    private final SqlAgentStore agents;
    private final SqlUserStore users;
    private final Clock clock;

    TokenExchangeGrant(JwtSigner signer, JwtVerifier verifier, TokenSettings settings, ClientAuthentication clients,
                       SqlAgentStore agents, SqlUserStore users, Clock clock) {
        this.signer = signer;
        this.verifier = verifier;
        this.settings = settings;
        this.clients = clients;
        this.agents = agents;
        this.users = users;
        this.clock = clock;
    }

    /** Exchanges the form's subject token for a delegated access token of the acting agent. */
    TokenResponse handle(Optional<ClientCredentials> client, TokenForm form) throws Refusal {
        Optional<String> claimed = client.map(ClientCredentials::clientId);
        String subjectToken = form.required("subject_token", claimed);
        requireTokenType(form.required("subject_token_type", claimed), "subject_token_type", claimed);
        Optional<String> requested = form.one("requested_token_type");
        if (requested.isPresent() && !ACCEPTED_TOKEN_TYPES.contains(requested.get())) {
            throw new Refusal(OAuthError.INVALID_REQUEST, "requested_token_type must be "
                    + TokenEndpoint.ACCESS_TOKEN_TYPE, "unsupported requested_token_type", claimed);
        }
        Acting acting = actingAgent(client, form);
        Agent agent = acting.agent();
        Optional<String> agentId = Optional.of(agent.id());

        VerifiedToken subject = switch (verifier.check(subjectToken)) {
            case TokenCheck.Invalid invalid -> throw new Refusal(OAuthError.INVALID_REQUEST,
                    "subject_token is invalid: " + invalid.detail(), "bad subject_token: " + invalid.reason(),
                    agentId);
            case TokenCheck.Valid valid -> valid.token();
        };
        if (subject.use() != TokenUse.USER) {
            throw new Refusal(OAuthError.INVALID_REQUEST, "subject_token must be a user token",
                    "subject_token is not a user token", agentId);
        }
        User user = users.find(subject.subject()).orElseThrow(() -> new Refusal(OAuthError.INVALID_REQUEST,
                "subject_token names an unknown user", "unknown user " + subject.subject(), agentId));
        if (subject.mayAct().isPresent() && !subject.mayAct().get().equals(agent.id())) {
            throw new Refusal(OAuthError.INVALID_REQUEST, "subject_token does not let this agent act for the user",
                    "agent not named in may_act of user " + user.id(), agentId);
        }
        Set<String> ceiling = new TreeSet<>(subject.scopes());
        ceiling.retainAll(settings.allowedScopes());
        // Delegation is the intersection: an agent acting by a narrowed access token gains no scope that token lacks.
        acting.actorToken().ifPresent(actor -> ceiling.retainAll(actor.scopes()));
        Set<String> scopes = ScopeCeiling.grant(form.one("scope"), ceiling, agent.id());
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.accessTokenTtl());
        if (subject.expiresAt().isBefore(expiresAt)) {
            expiresAt = subject.expiresAt();
        }
        if (!expiresAt.isAfter(now)) {
            throw new Refusal(OAuthError.INVALID_REQUEST, "subject_token is invalid: it has expired",
                    "subject_token expired", agentId);
        }
        List<String> chain = chain(subject, acting.actorToken());
        IssuedToken token = signer.sign(TokenUse.ACCESS, user.id(), agentId, Optional.empty(), scopes, chain, now,
                expiresAt);
        return new TokenResponse.Issued(token, Duration.between(now, token.expiresAt()).toSeconds(),
                Optional.of(TokenEndpoint.ACCESS_TOKEN_TYPE), TokenEndpoint.TOKEN_EXCHANGE, agent.id(),
                Optional.of(user.id()));
    }

    /**
     * The exchanged token's chain: the subject token, the actor token (if one was presented) and their own chains, so
     * that revoking any token it was derived from revokes it too (checked by the verifier on every use).
     */
    private static List<String> chain(VerifiedToken subject, Optional<VerifiedToken> actor) throws Refusal {
        Set<String> chain = new LinkedHashSet<>(subject.chain());
        chain.add(subject.tokenId());
        actor.ifPresent(a -> {
            chain.addAll(a.chain());
            chain.add(a.tokenId());
        });
        if (chain.size() > JwtSigner.MAX_CHAIN) {
            throw new Refusal(OAuthError.INVALID_REQUEST, "the tokens presented derive from too many exchanges",
                    "exchange chain too long");
        }
        return List.copyOf(chain);
    }

    /** The agent that will act, and the actor token it presented, if any. */
    private record Acting(Agent agent, Optional<VerifiedToken> actorToken) {
    }

    /** The agent that will act: the authenticated client, or the owner of the actor_token (which must agree). */
    private Acting actingAgent(Optional<ClientCredentials> client, TokenForm form) throws Refusal {
        Optional<Agent> authenticated = client.isPresent() ? Optional.of(clients.authenticate(client))
                : Optional.empty();
        Optional<String> claimed = client.map(ClientCredentials::clientId);
        Optional<String> actorToken = form.one("actor_token");
        if (actorToken.isEmpty()) {
            if (authenticated.isEmpty()) {
                throw new Refusal(OAuthError.INVALID_CLIENT, "client authentication or an actor_token is required",
                        "no client credentials");
            }
            return new Acting(authenticated.get(), Optional.empty());
        }
        requireTokenType(form.required("actor_token_type", claimed), "actor_token_type", claimed);
        VerifiedToken actor = switch (verifier.check(actorToken.get())) {
            case TokenCheck.Invalid invalid -> throw new Refusal(OAuthError.INVALID_REQUEST,
                    "actor_token is invalid: " + invalid.detail(), "bad actor_token: " + invalid.reason(), claimed);
            case TokenCheck.Valid valid -> valid.token();
        };
        if (actor.use() != TokenUse.ACCESS || actor.actor().isPresent()) {
            throw new Refusal(OAuthError.INVALID_REQUEST, "actor_token must be an agent's own access token",
                    "actor_token is not an agent access token", claimed);
        }
        Optional<String> actorId = Optional.of(actor.subject());
        if (authenticated.isPresent() && !authenticated.get().id().equals(actor.subject())) {
            throw new Refusal(OAuthError.INVALID_REQUEST,
                    "actor_token does not belong to the authenticated client",
                    "actor_token of another agent", claimed);
        }
        Agent agent = agents.find(actor.subject()).orElseThrow(() -> new Refusal(OAuthError.INVALID_REQUEST,
                "actor_token names an unknown agent", "unknown agent", actorId));
        if (!agent.active()) {
            throw new Refusal(OAuthError.INVALID_REQUEST, "the acting agent is suspended", "agent suspended",
                    actorId);
        }
        return new Acting(agent, Optional.of(actor));
    }

    private static void requireTokenType(String type, String name, Optional<String> agentId) throws Refusal {
        if (!ACCEPTED_TOKEN_TYPES.contains(type)) {
            throw new Refusal(OAuthError.INVALID_REQUEST, name + " must be " + TokenEndpoint.ACCESS_TOKEN_TYPE
                    + " or " + TokenEndpoint.JWT_TOKEN_TYPE, "unsupported " + name, agentId);
        }
    }
}
