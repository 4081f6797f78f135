package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.identity.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenEndpointTest {
    @TempDir
    Path dir;
    Fixture f;
    String botKey;

    @BeforeEach
    void setUp() {
        f = new Fixture(dir);
        botKey = f.agent("bot");
        f.users.register("alice", Set.of("analyst"), Map.of());
    }

    private TokenResponse exchange(String subjectToken) {
        return f.endpoint.handle(TokenRequest.of(Map.of(
                "grant_type", TokenEndpoint.TOKEN_EXCHANGE,
                "subject_token", subjectToken,
                "subject_token_type", TokenEndpoint.ACCESS_TOKEN_TYPE),
                Optional.of(new ClientCredentials("bot", botKey))));
    }

    @Test
    void clientCredentialsTokenCarriesTheStandardClaims() throws Exception {
        String token = f.accessToken("bot", botKey);

        SignedJWT jwt = SignedJWT.parse(token);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("EdDSA");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(f.keys.signingKeyId());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(claims.getIssuer()).isEqualTo(Fixture.ISSUER);
        assertThat(claims.getAudience()).containsExactly(Fixture.AUDIENCE);
        assertThat(claims.getSubject()).isEqualTo("bot");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(f.clock.instant());
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(f.clock.instant());
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(f.clock.instant().plusSeconds(900));
        assertThat(claims.getJWTID()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(claims.getStringClaim("scope")).isEqualTo("admin mcp");
        assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
        assertThat(claims.getClaim("act")).isNull();
    }

    @Test
    void everyTokenHasItsOwnId() throws Exception {
        String a = f.accessToken("bot", botKey);
        String b = f.accessToken("bot", botKey);

        assertThat(SignedJWT.parse(a).getJWTClaimsSet().getJWTID())
                .isNotEqualTo(SignedJWT.parse(b).getJWTClaimsSet().getJWTID());
    }

    @Test
    void accessTokenLifetimeIsConfigurable() {
        TokenEndpoint shortLived = new TokenEndpoint(f.keys, f.settings.withAccessTokenTtl(Duration.ofMinutes(2)),
                f.agents, f.users, f.revocations, f.clock);

        TokenResponse r = shortLived.handle(TokenRequest.of(Map.of("grant_type", "client_credentials"),
                Optional.of(new ClientCredentials("bot", botKey))));

        assertThat(((TokenResponse.Issued) r).expiresIn()).isEqualTo(120);
        assertThat(((TokenResponse.Issued) r).expiresAt()).isEqualTo(f.clock.instant().plusSeconds(120));
    }

    @Test
    void exchangeIssuesADelegatedTokenWithActorClaim() throws Exception {
        TokenResponse r = exchange(f.userToken("alice"));

        TokenResponse.Issued issued = (TokenResponse.Issued) r;
        JWTClaimsSet claims = SignedJWT.parse(issued.accessToken()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", "bot"));
        assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
        Map<String, Object> body = JSONObjectUtils.parse(issued.toJson());
        assertThat(body).containsEntry("token_type", "Bearer")
                .containsEntry("issued_token_type", TokenEndpoint.ACCESS_TOKEN_TYPE)
                .containsEntry("access_token", issued.accessToken());

        Principal p = ((Authentication.Authenticated) f.authenticator.authenticate(issued.accessToken())).principal();
        assertThat(p.agent().id()).isEqualTo("bot");
        assertThat(p.userIdOrNull()).isEqualTo("alice");
    }

    @Test
    void delegatedTokenNeverOutlivesTheUserToken() {
        String userToken = f.endpoint.issueUserToken("alice", Duration.ofMinutes(5)).value();

        TokenResponse.Issued issued = (TokenResponse.Issued) exchange(userToken);

        assertThat(issued.expiresAt()).isEqualTo(f.clock.instant().plusSeconds(300));
        assertThat(issued.expiresIn()).isEqualTo(300);
    }

    @Test
    void aRevokedUserTokenCannotBeExchanged() throws Exception {
        String userToken = f.userToken("alice");
        f.revocations.revoke(SignedJWT.parse(userToken).getJWTClaimsSet().getJWTID());

        TokenResponse.Failed failed = (TokenResponse.Failed) exchange(userToken);

        assertThat(failed.error()).isEqualTo(OAuthError.INVALID_REQUEST);
        assertThat(failed.auditReason()).contains("REVOKED");
    }

    /**
     * Red team: an agent holding only a narrowed access token (scope mcp) exchanged it as actor_token and got the
     * user's wider scopes: delegation gave more than the intersection of the two. Now the actor token bounds it too.
     */
    @Test
    void aDelegatedTokenCarriesNoScopeItsActorTokenLacks() throws Exception {
        String narrowed = ((TokenResponse.Issued) f.endpoint.handle(TokenRequest.of(Map.of("grant_type",
                "client_credentials", "client_id", "bot", "client_secret", botKey, "scope", "mcp"),
                Optional.empty()))).accessToken();
        Map<String, String> exchange = Map.of("grant_type", TokenEndpoint.TOKEN_EXCHANGE,
                "subject_token", f.userToken("alice"), "subject_token_type", TokenEndpoint.ACCESS_TOKEN_TYPE,
                "actor_token", narrowed, "actor_token_type", TokenEndpoint.ACCESS_TOKEN_TYPE);

        TokenResponse delegated = f.endpoint.handle(TokenRequest.of(exchange, Optional.empty()));
        assertThat(SignedJWT.parse(((TokenResponse.Issued) delegated).accessToken()).getJWTClaimsSet()
                .getStringClaim("scope")).isEqualTo("mcp");

        Map<String, String> askingMore = new java.util.HashMap<>(exchange);
        askingMore.put("scope", "admin");
        TokenResponse refused = f.endpoint.handle(TokenRequest.of(askingMore, Optional.empty()));
        assertThat(((TokenResponse.Failed) refused).error()).isEqualTo(OAuthError.INVALID_SCOPE);
        assertThat(SignedJWT.parse(((TokenResponse.Issued) exchange(f.userToken("alice"))).accessToken())
                .getJWTClaimsSet().getStringClaim("scope")).as("with the agent's own key").isEqualTo("admin mcp");
    }

    @Test
    void aSuspendedAgentsActorTokenCannotBeUsed() {
        String actor = f.accessToken("bot", botKey);
        f.agents.suspend("bot");

        TokenResponse r = f.endpoint.handle(TokenRequest.of(Map.of(
                "grant_type", TokenEndpoint.TOKEN_EXCHANGE, "subject_token", f.userToken("alice"),
                "subject_token_type", TokenEndpoint.ACCESS_TOKEN_TYPE, "actor_token", actor,
                "actor_token_type", TokenEndpoint.ACCESS_TOKEN_TYPE), Optional.empty()));

        assertThat(((TokenResponse.Failed) r).auditReason()).isEqualTo("agent suspended");
    }

    @Test
    void aUserTokenOfADeletedUserCannotBeExchanged() {
        Fixture other = new Fixture(dir.resolve("other"));
        other.users.register("mallory", Set.of(), Map.of());
        TokenEndpoint sameKeysOtherDb = new TokenEndpoint(f.keys, f.settings, other.agents, other.users,
                other.revocations, f.clock);
        String userToken = sameKeysOtherDb.issueUserToken("mallory", Duration.ofMinutes(5)).value();

        TokenResponse.Failed failed = (TokenResponse.Failed) exchange(userToken);

        assertThat(failed.description()).contains("unknown user");
    }

    @Test
    void userTokensAreMintedOnlyForKnownUsersWithinTheMaximumLifetime() throws Exception {
        assertThatThrownBy(() -> f.endpoint.issueUserToken("nobody", Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.endpoint.issueUserToken("alice", Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.endpoint.issueUserToken("alice", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);

        IssuedToken token = f.endpoint.issueUserToken("alice", Duration.ofMinutes(5), Optional.of("bot"));
        JWTClaimsSet claims = SignedJWT.parse(token.value()).getJWTClaimsSet();
        assertThat(claims.getStringClaim("token_use")).isEqualTo("user");
        assertThat(claims.getJSONObjectClaim("may_act")).isEqualTo(Map.of("sub", "bot"));
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @Test
    void failedResponsesSerialiseAsOAuthErrors() throws Exception {
        TokenResponse r = f.endpoint.handle(TokenRequest.of(Map.of("grant_type", "client_credentials",
                "client_id", "bot", "client_secret", "wrong"), Optional.empty()));

        assertThat(r.httpStatus()).isEqualTo(401);
        assertThat(JSONObjectUtils.parse(r.toJson())).isEqualTo(Map.of("error", "invalid_client",
                "error_description", "client authentication failed"));
        assertThat(r.grantType()).isEqualTo("client_credentials");
    }

    @Test
    void unknownAgentAndWrongKeyLookAlikeToTheClient() {
        TokenResponse unknown = f.endpoint.handle(TokenRequest.of(Map.of("grant_type", "client_credentials",
                "client_id", "ghost", "client_secret", botKey), Optional.empty()));
        TokenResponse wrong = f.endpoint.handle(TokenRequest.of(Map.of("grant_type", "client_credentials",
                "client_id", "bot", "client_secret", "bwk_bot_x"), Optional.empty()));

        assertThat(unknown.toJson()).isEqualTo(wrong.toJson());
        assertThat(unknown.httpStatus()).isEqualTo(wrong.httpStatus());
        assertThat(((TokenResponse.Failed) unknown).auditReason())
                .isNotEqualTo(((TokenResponse.Failed) wrong).auditReason());
    }

    @Test
    void aRotatedKeyStopsWorkingAtOnce() {
        f.agents.rotateKey("bot");

        TokenResponse r = f.endpoint.handle(TokenRequest.of(Map.of("grant_type", "client_credentials"),
                Optional.of(new ClientCredentials("bot", botKey))));

        assertThat(((TokenResponse.Failed) r).auditReason()).isEqualTo("wrong API key");
    }

    @Test
    void answersServerErrorAndIssuesNothingWhenTheDatabaseFails() throws Exception {
        Files.delete(dir.resolve("state.db"));
        Files.createDirectory(dir.resolve("state.db"));

        TokenResponse r = f.endpoint.handle(TokenRequest.of(Map.of("grant_type", "client_credentials"),
                Optional.of(new ClientCredentials("bot", botKey))));

        assertThat(r.httpStatus()).isEqualTo(500);
        assertThat(((TokenResponse.Failed) r).error()).isEqualTo(OAuthError.SERVER_ERROR);
        assertThat(r.toJson()).doesNotContain(botKey);
    }

    @Test
    void oversizedParametersAreRefused() {
        TokenResponse r = f.endpoint.handle(TokenRequest.of(Map.of("grant_type", TokenEndpoint.TOKEN_EXCHANGE,
                "subject_token", "a".repeat(100_000), "subject_token_type", TokenEndpoint.ACCESS_TOKEN_TYPE),
                Optional.of(new ClientCredentials("bot", botKey))));

        assertThat(((TokenResponse.Failed) r).error()).isEqualTo(OAuthError.INVALID_REQUEST);
    }

    @Test
    void rotatedSigningKeysKeepEarlierTokensValid() {
        String before = f.accessToken("bot", botKey);
        f.keys.rotate();
        String after = f.accessToken("bot", botKey);

        assertThat(f.authenticator.authenticate(before)).isInstanceOf(Authentication.Authenticated.class);
        assertThat(f.authenticator.authenticate(after)).isInstanceOf(Authentication.Authenticated.class);
    }
}
