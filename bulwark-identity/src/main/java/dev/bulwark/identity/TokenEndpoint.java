package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    private final JwtSigner signer;
    private final TokenSettings settings;
    private final SqlUserStore users;
    private final Clock clock;
    private final Optional<CodeGrants> codeGrants;
    private final ClientAuthentication clients;
    private final TokenExchangeGrant exchange;

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
        JwtVerifier verifier = new JwtVerifier(keys, settings, Checks.present(revocations, "revocations"),
                Checks.present(clock, "clock"));
        this.users = Checks.present(users, "users");
        this.clock = clock;
        this.clients = new ClientAuthentication(agents);
        this.exchange = new TokenExchangeGrant(signer, verifier, settings, clients, agents, users, clock);
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
                return ClientAuthentication.validId(basic.get().clientId());
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] ids = parameters.get("client_id");
        return ids != null && ids.length == 1 ? ClientAuthentication.validId(ids[0]) : Optional.empty();
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
        Optional<ClientCredentials> client = ClientAuthentication.presented(request, form);
        checkTargets(form, client.map(ClientCredentials::clientId));
        return grantType.equals(CLIENT_CREDENTIALS)
                ? clientCredentialsGrant(client, form)
                : exchange.handle(client, form);
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
        Agent agent = clients.authenticate(client);
        Set<String> scopes = ScopeCeiling.grant(form.one("scope"), settings.allowedScopes(), agent.id());
        Instant now = clock.instant();
        IssuedToken token = signer.sign(TokenUse.ACCESS, agent.id(), Optional.empty(), Optional.empty(), scopes, now,
                now.plus(settings.accessTokenTtl()));
        return new TokenResponse.Issued(token, settings.accessTokenTtl().toSeconds(), Optional.empty(),
                CLIENT_CREDENTIALS, agent.id(), Optional.empty());
    }
}
