package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The logic of the OAuth 2.0 token endpoint, free of HTTP: the server turns the form and the {@code Authorization}
 * header into a {@link TokenRequest}, and the {@link TokenResponse} into the HTTP answer and an audit event.
 *
 * <p>Grants:
 * <ul>
 *   <li>{@code client_credentials}: the agent authenticates with its id and API key (HTTP Basic or form) and gets an
 *       access token for itself. Unknown agent and wrong key get the same answer, so existence does not leak.</li>
 *   <li>RFC 8693 token exchange: an agent, authenticated by its client credentials or an {@code actor_token} (its own
 *       access token), presents a user token as {@code subject_token} and gets a delegated access token with
 *       {@code sub} = user and {@code act.sub} = agent. The delegated token never outlives the user token and never
 *       carries more scopes, and carries the {@code jti}s of the subject and actor tokens ({@code chain}), so
 *       revoking either revokes it. As RFC 8693 §2.2.2 requires, an unacceptable subject or actor token is
 *       {@code invalid_request}.</li>
 * </ul>
 * An RFC 8707 {@code resource} (or RFC 8693 {@code audience}) parameter must name the configured audience.
 */
public final class TokenEndpoint {
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    public static final String JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";
    private static final Set<String> ACCEPTED_TOKEN_TYPES = Set.of(ACCESS_TOKEN_TYPE, JWT_TOKEN_TYPE);
    private static final String AUTH_FAILED = "client authentication failed";

    private final JwtSigner signer;
    private final JwtVerifier verifier;
    private final TokenSettings settings;
    private final SqlAgentStore agents;
    private final SqlUserStore users;
    private final Clock clock;
    private final Optional<CodeGrants> codeGrants;

    public TokenEndpoint(Ed25519KeySet keys, TokenSettings settings, SqlAgentStore agents, SqlUserStore users,
                         SqlRevocationList revocations) {
        this(keys, settings, agents, users, revocations, Clock.systemUTC());
    }

    public TokenEndpoint(Ed25519KeySet keys, TokenSettings settings, SqlAgentStore agents, SqlUserStore users,
                         SqlRevocationList revocations, Clock clock) {
        this(keys, settings, agents, users, revocations, clock, Optional.empty());
    }

    /** @param codeGrants when present, the authorization_code and refresh_token grants are offered too */
    public TokenEndpoint(Ed25519KeySet keys, TokenSettings settings, SqlAgentStore agents, SqlUserStore users,
                         SqlRevocationList revocations, Clock clock, Optional<CodeGrants> codeGrants) {
        this.codeGrants = Checks.present(codeGrants, "codeGrants");
        this.settings = Checks.present(settings, "settings");
        this.signer = new JwtSigner(Checks.present(keys, "keys"), settings);
        this.verifier = new JwtVerifier(keys, settings, Checks.present(revocations, "revocations"),
                Checks.present(clock, "clock"));
        this.agents = Checks.present(agents, "agents");
        this.users = Checks.present(users, "users");
        this.clock = clock;
    }

    /** Handles one request. Never throws: an internal failure is a {@code server_error} and issues nothing. */
    public TokenResponse handle(TokenRequest request) {
        List<String> grantValues = request.parameters().getOrDefault("grant_type", List.of());
        String grantType = grantValues.size() == 1 ? grantValues.getFirst() : "";
        try {
            return dispatch(request, grantType);
        } catch (Refusal r) {
            return new TokenResponse.Failed(r.error, r.description, grantType, r.agentId, r.auditReason);
        } catch (RuntimeException e) {
            return new TokenResponse.Failed(OAuthError.SERVER_ERROR, "the token could not be issued; try again later",
                    grantType, Optional.empty(), "internal error: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Handles a request straight from servlet parts; a malformed Basic header is {@code invalid_client}.
     *
     * @param parameters          {@code ServletRequest.getParameterMap()} of the form body
     * @param authorizationHeader the {@code Authorization} header, or {@code null}
     */
    public TokenResponse handle(Map<String, String[]> parameters, String authorizationHeader) {
        Optional<ClientCredentials> basic;
        try {
            basic = ClientCredentials.fromBasicHeader(authorizationHeader);
        } catch (IllegalArgumentException e) {
            String[] grant = parameters.get("grant_type");
            return new TokenResponse.Failed(OAuthError.INVALID_CLIENT, e.getMessage(),
                    grant != null && grant.length == 1 ? grant[0] : "", Optional.empty(), "malformed Basic header");
        }
        return handle(TokenRequest.fromParameterArrays(parameters, basic));
    }

    /**
     * The client id a request claims (Basic header, else the {@code client_id} form field), before anything is
     * verified: what the throttle keys failures by. Empty when there is none or it is not a valid agent id.
     */
    public static Optional<String> claimedClientId(Map<String, String[]> parameters, String authorizationHeader) {
        try {
            Optional<ClientCredentials> basic = ClientCredentials.fromBasicHeader(authorizationHeader);
            if (basic.isPresent()) {
                return validId(basic.get().clientId());
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] ids = parameters.get("client_id");
        return ids != null && ids.length == 1 ? validId(ids[0]) : Optional.empty();
    }

    /**
     * Mints a user token: the proof that a user consents to agents acting for them, to be exchanged at this endpoint.
     * The admin API calls this; in production a real identity provider would authenticate the user and issue it.
     *
     * @param mayAct when present, the only agent allowed to exchange the token
     * @throws IllegalArgumentException when the user is unknown or the lifetime is not within the allowed maximum
     */
    public IssuedToken issueUserToken(String userId, Duration ttl, Optional<String> mayAct) {
        Checks.present(ttl, "ttl");
        Checks.present(mayAct, "mayAct");
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(settings.maxUserTokenTtl()) > 0) {
            throw new IllegalArgumentException("user token lifetime must be positive and at most "
                    + settings.maxUserTokenTtl());
        }
        User user = users.find(userId).orElseThrow(() -> new IllegalArgumentException("unknown user " + userId));
        mayAct.ifPresent(a -> Agent.requireValidId(a, "may_act agent id"));
        Instant now = clock.instant();
        return signer.sign(TokenUse.USER, user.id(), Optional.empty(), mayAct, settings.allowedScopes(), now,
                now.plus(ttl));
    }

    public IssuedToken issueUserToken(String userId, Duration ttl) {
        return issueUserToken(userId, ttl, Optional.empty());
    }

    private TokenResponse dispatch(TokenRequest request, String grantType) throws Refusal {
        TokenForm form = new TokenForm(request.parameters(), settings.maxTokenLength());
        if (grantType.isEmpty()) {
            throw new Refusal(OAuthError.INVALID_REQUEST, "grant_type is required", "missing grant_type");
        }
        if (codeGrants.isPresent() && (grantType.equals(CodeGrants.AUTHORIZATION_CODE)
                || grantType.equals(CodeGrants.REFRESH_TOKEN))) {
            checkTargets(form, Optional.empty());
            return codeGrants.get().handle(grantType, request, form, signer);
        }
        if (!grantType.equals(CLIENT_CREDENTIALS) && !grantType.equals(TOKEN_EXCHANGE)) {
            throw new Refusal(OAuthError.UNSUPPORTED_GRANT_TYPE, "grant_type must be " + CLIENT_CREDENTIALS
                    + " or " + TOKEN_EXCHANGE, "unsupported grant_type");
        }
        Optional<ClientCredentials> client = clientCredentials(request, form);
        checkTargets(form, client.map(ClientCredentials::clientId));
        return grantType.equals(CLIENT_CREDENTIALS)
                ? clientCredentialsGrant(client, form)
                : tokenExchangeGrant(client, form);
    }

    /** An RFC 8707 {@code resource} or RFC 8693 {@code audience} must name this gateway's audience. */
    private void checkTargets(TokenForm form, Optional<String> claimed) throws Refusal {
        for (String target : TokenForm.REPEATABLE) {
            for (String value : form.all(target)) {
                if (!value.equals(settings.audience())) {
                    throw new Refusal(OAuthError.INVALID_TARGET, target + " must be " + settings.audience(),
                            "wrong " + target, claimed);
                }
            }
        }
    }

    private TokenResponse clientCredentialsGrant(Optional<ClientCredentials> client, TokenForm form) throws Refusal {
        Agent agent = authenticate(client);
        Set<String> scopes = scopes(form.one("scope"), settings.allowedScopes(), agent.id());
        Instant now = clock.instant();
        IssuedToken token = signer.sign(TokenUse.ACCESS, agent.id(), Optional.empty(), Optional.empty(), scopes, now,
                now.plus(settings.accessTokenTtl()));
        return new TokenResponse.Issued(token, settings.accessTokenTtl().toSeconds(), Optional.empty(),
                CLIENT_CREDENTIALS, agent.id(), Optional.empty());
    }

    private TokenResponse tokenExchangeGrant(Optional<ClientCredentials> client, TokenForm form) throws Refusal {
        Optional<String> claimed = client.map(ClientCredentials::clientId);
        String subjectToken = form.required("subject_token", claimed);
        requireTokenType(form.required("subject_token_type", claimed), "subject_token_type", claimed);
        Optional<String> requested = form.one("requested_token_type");
        if (requested.isPresent() && !ACCEPTED_TOKEN_TYPES.contains(requested.get())) {
            throw new Refusal(OAuthError.INVALID_REQUEST, "requested_token_type must be " + ACCESS_TOKEN_TYPE,
                    "unsupported requested_token_type", claimed);
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
        Set<String> scopes = scopes(form.one("scope"), ceiling, agent.id());
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
                Optional.of(ACCESS_TOKEN_TYPE), TOKEN_EXCHANGE, agent.id(), Optional.of(user.id()));
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
        Optional<Agent> authenticated = client.isPresent() ? Optional.of(authenticate(client)) : Optional.empty();
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

    private Agent authenticate(Optional<ClientCredentials> client) throws Refusal {
        if (client.isEmpty()) {
            throw new Refusal(OAuthError.INVALID_CLIENT, "client authentication is required", "no client credentials");
        }
        String id = client.get().clientId();
        Optional<String> claimed = validId(id);
        if (!agents.verifyKey(id, client.get().clientSecret())) {
            boolean known = claimed.isPresent() && agents.find(id).isPresent();
            throw new Refusal(OAuthError.INVALID_CLIENT, AUTH_FAILED, known ? "wrong API key" : "unknown agent",
                    claimed);
        }
        Agent agent = agents.find(id).orElseThrow(
                () -> new Refusal(OAuthError.INVALID_CLIENT, AUTH_FAILED, "unknown agent", claimed));
        if (!agent.active()) {
            throw new Refusal(OAuthError.INVALID_CLIENT, "agent is suspended", "agent suspended", claimed);
        }
        return agent;
    }

    private static Optional<ClientCredentials> clientCredentials(TokenRequest request, TokenForm form) throws Refusal {
        Optional<String> formId = form.one("client_id");
        Optional<String> formSecret = form.one("client_secret");
        if (request.basicCredentials().isPresent()) {
            if (formSecret.isPresent()) {
                throw new Refusal(OAuthError.INVALID_REQUEST, "use one client authentication method, not two",
                        "Basic and form client credentials",
                        request.basicCredentials().map(ClientCredentials::clientId));
            }
            if (formId.isPresent() && !formId.get().equals(request.basicCredentials().get().clientId())) {
                throw new Refusal(OAuthError.INVALID_REQUEST, "client_id does not match the Basic credentials",
                        "client_id mismatch", Optional.empty());
            }
            return request.basicCredentials();
        }
        if (formSecret.isPresent() != formId.isPresent() || formSecret.map(String::isBlank).orElse(false)
                || formId.map(String::isBlank).orElse(false)) {
            throw new Refusal(OAuthError.INVALID_CLIENT, AUTH_FAILED, "incomplete form client credentials",
                    formId.flatMap(TokenEndpoint::validId));
        }
        return formId.map(id -> new ClientCredentials(id, formSecret.get()));
    }

    /** The requested scopes, which must all lie within {@code ceiling}; all of {@code ceiling} when none requested. */
    private static Set<String> scopes(Optional<String> requested, Set<String> ceiling, String agentId)
            throws Refusal {
        if (requested.isEmpty()) {
            return ceiling;
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : requested.get().split(" ", -1)) {
            if (!TokenSettings.SCOPE_TOKEN.matcher(scope).matches()) {
                throw new Refusal(OAuthError.INVALID_SCOPE, "scope must be space-separated scope names",
                        "malformed scope", Optional.of(agentId));
            }
            if (!ceiling.contains(scope)) {
                throw new Refusal(OAuthError.INVALID_SCOPE, "scope '" + scope + "' cannot be granted",
                        "scope not allowed: " + scope, Optional.of(agentId));
            }
            scopes.add(scope);
        }
        return scopes;
    }

    private static void requireTokenType(String type, String name, Optional<String> agentId) throws Refusal {
        if (!ACCEPTED_TOKEN_TYPES.contains(type)) {
            throw new Refusal(OAuthError.INVALID_REQUEST, name + " must be " + ACCESS_TOKEN_TYPE + " or "
                    + JWT_TOKEN_TYPE, "unsupported " + name, agentId);
        }
    }

    private static Optional<String> validId(String id) {
        try {
            return Optional.of(Agent.requireValidId(id, "client_id"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
