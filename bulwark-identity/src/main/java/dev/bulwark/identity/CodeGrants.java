package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Agent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The token-endpoint half of interactive login: the {@code authorization_code} grant (RFC 6749 §4.1.3 with PKCE) and
 * the {@code refresh_token} grant with rotation. Clients are public (no secret): a request carrying a secret or Basic
 * credentials is refused rather than half-checked.
 *
 * <p>Reuse: a code redeemed twice, or a refresh token used twice, revokes its whole family (every refresh token and,
 * through the {@code chain} claim, every access token issued from the login), on every replica.
 */
public final class CodeGrants {
    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String REFRESH_TOKEN = "refresh_token";
    private static final String BAD_GRANT = "the authorization grant is invalid, expired or already used";

    private final SqlAuthorizationCodes codes;
    private final SqlRefreshTokens refreshTokens;
    private final OAuthClients clients;
    private final SqlAgentStore agents;
    private final SqlUserStore users;
    private final SqlRevocationList revocations;
    private final TokenSettings settings;
    private final Duration refreshTtl;
    private final Clock clock;

    public CodeGrants(AuthorizationCodeFlow flow, OAuthClients clients, SqlAgentStore agents, SqlUserStore users,
                      SqlRevocationList revocations, javax.sql.DataSource dataSource, TokenSettings settings,
                      Duration refreshTtl, Clock clock) {
        this.codes = Checks.present(flow, "flow").codes();
        this.clients = Checks.present(clients, "clients");
        this.agents = Checks.present(agents, "agents");
        this.users = Checks.present(users, "users");
        this.revocations = Checks.present(revocations, "revocations");
        this.settings = Checks.present(settings, "settings");
        this.refreshTtl = Checks.present(refreshTtl, "refreshTtl");
        if (refreshTtl.compareTo(settings.accessTokenTtl()) < 0 || refreshTtl.compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException("refresh tokens must live between the access token lifetime and 30 days");
        }
        this.clock = Checks.present(clock, "clock");
        this.refreshTokens = new SqlRefreshTokens(dataSource, clock);
    }

    /**
     * Ends every login of a client: its unused codes are spent and every family of its codes and refresh tokens is
     * revoked (so its access tokens are refused on their next use, on every replica).
     *
     * @return the number of logins revoked
     */
    public int revokeLoginsOf(String clientId) {
        Instant now = clock.instant();
        java.util.Map<String, Instant> families = new java.util.LinkedHashMap<>();
        codes.spendAll(clientId).forEach(f -> families.put(f, now.plus(refreshTtl)));
        families.putAll(refreshTokens.familiesOf(clientId));
        return revoke(families, now);
    }

    /**
     * Ends every login through an agent, whatever client it came through: the kill switch's part for interactive
     * logins. The agent's token cut-off refuses access tokens issued before it, but a refresh token from before the
     * kill would otherwise mint fresh ones once the agent is re-activated.
     *
     * @return the number of logins revoked
     */
    public int revokeLoginsOfAgent(String agentId) {
        Instant now = clock.instant();
        java.util.Map<String, Instant> families = new java.util.LinkedHashMap<>();
        codes.spendAllOfAgent(agentId).forEach(f -> families.put(f, now.plus(refreshTtl)));
        families.putAll(refreshTokens.familiesOfAgent(agentId));
        return revoke(families, now);
    }

    private int revoke(java.util.Map<String, Instant> families, Instant now) {
        families.forEach((family, expires) -> revocations.revoke(family, expires.isAfter(now)
                ? expires : now.plus(settings.accessTokenTtl())));
        return families.size();
    }

    TokenResponse handle(String grantType, TokenRequest request, TokenForm form, JwtSigner signer) throws Refusal {
        if (request.basicCredentials().isPresent() || form.one("client_secret").isPresent()) {
            throw new Refusal(OAuthError.INVALID_CLIENT, "registered clients are public: send client_id only",
                    "secret sent by a public client");
        }
        String clientId = form.required("client_id", Optional.empty());
        OAuthClient client = clients.find(clientId).orElseThrow(() -> new Refusal(OAuthError.INVALID_CLIENT,
                "client authentication failed", "unknown OAuth client"));
        return grantType.equals(AUTHORIZATION_CODE) ? code(client, form, signer) : refresh(client, form, signer);
    }

    private TokenResponse code(OAuthClient client, TokenForm form, JwtSigner signer) throws Refusal {
        Optional<String> agent = Optional.of(client.agentId());
        String code = form.required("code", agent);
        String redirect = form.required("redirect_uri", agent);
        String verifier = form.required("code_verifier", agent);
        Instant now = clock.instant();
        DelegatedGrant grant = switch (codes.redeem(code)) {
            case SqlAuthorizationCodes.Redemption.Unknown u -> throw invalid("unknown code", agent);
            case SqlAuthorizationCodes.Redemption.Reused r -> {
                revocations.revoke(r.family(), now.plus(refreshTtl));
                throw invalid("code reused: its tokens are revoked", agent);
            }
            case SqlAuthorizationCodes.Redemption.Valid v -> {
                if (!now.isBefore(v.expiresAt())) {
                    throw invalid("code expired", agent);
                }
                if (!v.grant().clientId().equals(client.clientId())) {
                    throw invalid("code of another client", agent);
                }
                if (!v.redirectUri().equals(redirect)) {
                    throw invalid("redirect_uri differs from the authorization request", agent);
                }
                if (!Pkce.verifies(verifier, v.challenge())) {
                    throw invalid("PKCE verifier does not match", agent);
                }
                yield v.grant();
            }
        };
        return issue(grant, now, now.plus(refreshTtl), AUTHORIZATION_CODE, signer);
    }

    private TokenResponse refresh(OAuthClient client, TokenForm form, JwtSigner signer) throws Refusal {
        Optional<String> agent = Optional.of(client.agentId());
        String token = form.required("refresh_token", agent);
        Instant now = clock.instant();
        SqlRefreshTokens.Use.Valid valid = switch (refreshTokens.use(token)) {
            case SqlRefreshTokens.Use.Unknown u -> throw invalid("unknown refresh token", agent);
            case SqlRefreshTokens.Use.Reused r -> {
                revocations.revoke(r.family(), r.expiresAt());
                throw invalid("refresh token reused: its family is revoked", agent);
            }
            case SqlRefreshTokens.Use.Valid v -> v;
        };
        DelegatedGrant grant = valid.grant();
        if (!grant.clientId().equals(client.clientId())) {
            // A refresh token presented by another client was stolen: end the login it belongs to.
            revocations.revoke(grant.family(), valid.expiresAt());
            throw invalid("refresh token of another client: its family is revoked", agent);
        }
        if (!now.isBefore(valid.expiresAt())) {
            throw invalid("refresh token expired", agent);
        }
        if (revocations.isRevoked(grant.family())) {
            throw invalid("refresh token family revoked", agent);
        }
        Optional<String> scope = form.one("scope");
        if (scope.isPresent()) {
            Set<String> narrower = new LinkedHashSet<>(List.of(scope.get().split(" ", -1)));
            // offline_access is a no-op (the family already refreshes), so asking it again widens nothing.
            narrower.remove(ScopeNarrowing.OFFLINE_ACCESS);
            if (!grant.scopes().containsAll(narrower)) {
                throw new Refusal(OAuthError.INVALID_SCOPE, "scope exceeds what was granted", "scope widened",
                        agent);
            }
            if (!narrower.isEmpty()) {
                grant = new DelegatedGrant(grant.clientId(), grant.userId(), grant.agentId(), narrower,
                        grant.family());
            }
        }
        return issue(grant, now, valid.expiresAt(), REFRESH_TOKEN, signer);
    }

    /** Issues an access token for the user through the agent, and the next refresh token of the family. */
    private TokenResponse issue(DelegatedGrant grant, Instant now, Instant familyExpiry, String grantType,
                                JwtSigner signer) throws Refusal {
        Optional<String> agentId = Optional.of(grant.agentId());
        Agent agent = agents.find(grant.agentId()).filter(Agent::active)
                .orElseThrow(() -> invalid("the client's agent is missing or suspended", agentId));
        users.find(grant.userId()).orElseThrow(() -> invalid("the user no longer exists", agentId));
        Set<String> scopes = new LinkedHashSet<>(grant.scopes());
        scopes.retainAll(settings.allowedScopes());
        Instant expires = now.plus(settings.accessTokenTtl());
        IssuedToken access = signer.sign(TokenUse.ACCESS, grant.userId(), Optional.of(agent.id()), Optional.empty(),
                scopes, List.of(grant.family()), now, expires);
        String refresh = refreshTokens.issue(grant, familyExpiry);
        return new TokenResponse.Issued(access, Duration.between(now, access.expiresAt()).toSeconds(),
                Optional.empty(), grantType, agent.id(), Optional.of(grant.userId()), Optional.of(refresh));
    }

    private static Refusal invalid(String auditReason, Optional<String> agentId) {
        return new Refusal(OAuthError.INVALID_GRANT, BAD_GRANT, auditReason, agentId);
    }
}
