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
 * The authorization-endpoint half of the authorization code flow, free of HTTP: judging a request, and issuing a code
 * once the user has logged in and consented. The token-endpoint half is {@link CodeGrants}.
 *
 * <p>The token a client finally gets acts for the user through the client's agent ({@code sub} = user,
 * {@code act.sub} = agent), the delegation model of token exchange: policies see both principals, and the call may do
 * at most what both may do.
 */
public final class AuthorizationCodeFlow {
    private static final Set<String> OWN_PARAMETERS = Set.of("response_type", "client_id", "redirect_uri",
            "code_challenge", "code_challenge_method", "scope", "state", "resource");

    private final OAuthClients clients;
    private final SqlAgentStore agents;
    private final SqlUserStore users;
    private final SqlAuthorizationCodes codes;
    private final TokenSettings settings;
    private final Duration codeTtl;
    private final Clock clock;

    public AuthorizationCodeFlow(OAuthClients clients, SqlAgentStore agents, SqlUserStore users,
                                 javax.sql.DataSource dataSource, TokenSettings settings, Duration codeTtl,
                                 Clock clock) {
        this.clients = Checks.present(clients, "clients");
        this.agents = Checks.present(agents, "agents");
        this.users = Checks.present(users, "users");
        this.settings = Checks.present(settings, "settings");
        this.codeTtl = Checks.present(codeTtl, "codeTtl");
        if (codeTtl.isNegative() || codeTtl.isZero() || codeTtl.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("authorization codes must live between 1 s and 10 minutes");
        }
        this.clock = Checks.present(clock, "clock");
        this.codes = new SqlAuthorizationCodes(dataSource, clock);
    }

    /** Judges the query (or form) of a request to the authorization endpoint. */
    public AuthorizationRequest.Outcome check(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
            if (OWN_PARAMETERS.contains(e.getKey()) && e.getValue().size() > 1) {
                return new AuthorizationRequest.Outcome.Refused("the parameter " + e.getKey() + " is repeated");
            }
        }
        Optional<OAuthClient> client = AuthorizationRequest.single(parameters, "client_id").flatMap(clients::find);
        if (client.isEmpty()) {
            return new AuthorizationRequest.Outcome.Refused("unknown client: this application is not registered");
        }
        Optional<String> redirect = AuthorizationRequest.single(parameters, "redirect_uri");
        if (redirect.isEmpty() || !RedirectUris.matches(redirect.get(), client.get().redirectUris())) {
            return new AuthorizationRequest.Outcome.Refused(
                    "redirect_uri is missing or not registered for this application");
        }
        Optional<String> state = AuthorizationRequest.single(parameters, "state");
        if (state.isPresent() && state.get().length() > AuthorizationRequest.MAX_STATE) {
            return back(redirect.get(), Optional.empty(), "invalid_request", "state is too long");
        }
        if (!AuthorizationRequest.single(parameters, "response_type").equals(Optional.of("code"))) {
            return back(redirect.get(), state, "unsupported_response_type", "response_type must be code");
        }
        Optional<String> challenge = AuthorizationRequest.single(parameters, "code_challenge");
        if (challenge.isEmpty() || !Pkce.validChallenge(challenge.get())) {
            return back(redirect.get(), state, "invalid_request", "PKCE is required: send an S256 code_challenge");
        }
        if (!AuthorizationRequest.single(parameters, "code_challenge_method").equals(Optional.of(Pkce.S256))) {
            return back(redirect.get(), state, "invalid_request", "code_challenge_method must be S256");
        }
        for (String resource : parameters.getOrDefault("resource", List.of())) {
            if (!resource.equals(settings.audience())) {
                return back(redirect.get(), state, "invalid_target", "resource must be " + settings.audience());
            }
        }
        Set<String> scopes;
        try {
            scopes = ScopeNarrowing.grant(AuthorizationRequest.single(parameters, "scope"), settings.allowedScopes());
        } catch (IllegalArgumentException e) {
            return back(redirect.get(), state, "invalid_scope", e.getMessage());
        }
        Optional<Agent> agent = agents.find(client.get().agentId()).filter(Agent::active);
        if (agent.isEmpty()) {
            return back(redirect.get(), state, "unauthorized_client", "the client's agent is missing or suspended");
        }
        return new AuthorizationRequest.Outcome.Valid(new AuthorizationRequest(client.get(), agent.get(),
                redirect.get(), challenge.get(), scopes, state));
    }

    /**
     * The user consented: issues a single-use code bound to the client, the redirect URI and the PKCE challenge, and
     * returns the URL to send the browser to.
     *
     * @throws IllegalArgumentException when the user is unknown
     */
    public String approve(AuthorizationRequest request, String userId) {
        User user = users.find(userId).orElseThrow(() -> new IllegalArgumentException("unknown user"));
        DelegatedGrant grant = new DelegatedGrant(request.client().clientId(), user.id(), request.agent().id(),
                request.scopes(), OpaqueTokens.random(16));
        Instant expires = clock.instant().plus(codeTtl);
        String code = codes.issue(grant, request.redirectUri(), request.challenge(), expires);
        return request.redirectWith(Map.of("code", code), settings.issuer());
    }

    /** The URL telling the client the user refused. */
    public String deny(AuthorizationRequest request) {
        return request.redirectWith(Map.of("error", "access_denied", "error_description",
                "the user did not allow access"), settings.issuer());
    }

    public Optional<User> user(String userId) {
        return users.find(userId);
    }

    SqlAuthorizationCodes codes() {
        return codes;
    }

    private AuthorizationRequest.Outcome back(String redirect, Optional<String> state, String error,
                                              String description) {
        return new AuthorizationRequest.Outcome.Redirect(AuthorizationRequest.withQuery(redirect,
                Map.of("error", error, "error_description", description), state, settings.issuer()), error,
                description);
    }
}
