package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.identity.Authentication.Reason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revoking a token revokes every token exchanged from it (RFC 8693), on every replica: an exchanged token carries the
 * {@code jti}s it derives from, and the verifier refuses it when any of them is in the (shared) revocation list.
 */
class RevocationCascadeTest {
    @TempDir
    Path dir;
    Fixture f;
    /** A second gateway on the same database and key file: its own verifier cache, no shared memory. */
    Fixture replica;
    String botKey;
    String helperKey;

    @BeforeEach
    void setUp() {
        f = new Fixture(dir);
        replica = new Fixture(dir);
        botKey = f.agent("bot");
        helperKey = f.agent("helper");
        f.users.register("alice", Set.of("analyst"), Map.of());
    }

    @Test
    void revokingAUserTokenRevokesEveryTokenExchangedFromItOnEveryReplica() throws Exception {
        String userToken = f.userToken("alice");
        // Two exchanges of the same user token: one by client credentials, one by an actor token.
        String byCredentials = exchangeWithCredentials(userToken, "bot", botKey);
        String byActorToken = exchangeWithActorToken(userToken, f.accessToken("helper", helperKey));
        assertThat(replica.authenticator.authenticate(byCredentials))
                .isInstanceOf(Authentication.Authenticated.class);
        assertThat(replica.authenticator.authenticate(byActorToken))
                .isInstanceOf(Authentication.Authenticated.class);

        f.revocations.revoke(jti(userToken));

        assertThat(rejection(replica, byCredentials)).isEqualTo(Reason.REVOKED);
        assertThat(rejection(replica, byActorToken)).isEqualTo(Reason.REVOKED);
        assertThat(rejection(f, byCredentials)).isEqualTo(Reason.REVOKED);
    }

    @Test
    void revokingTheActorTokenRevokesTheTokenExchangedWithIt() throws Exception {
        String userToken = f.userToken("alice");
        String actorToken = f.accessToken("helper", helperKey);
        String delegated = exchangeWithActorToken(userToken, actorToken);
        String sibling = exchangeWithCredentials(userToken, "bot", botKey);

        replica.revocations.revoke(jti(actorToken));

        assertThat(rejection(f, delegated)).isEqualTo(Reason.REVOKED);
        assertThat(f.authenticator.authenticate(sibling)).isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void theExchangedTokenNamesItsWholeChain() throws Exception {
        String userToken = f.userToken("alice");
        String actorToken = f.accessToken("helper", helperKey);

        String delegated = exchangeWithActorToken(userToken, actorToken);

        assertThat(SignedJWT.parse(delegated).getJWTClaimsSet().getStringListClaim(JwtSigner.CHAIN))
                .containsExactly(jti(userToken), jti(actorToken));
    }

    @Test
    void aRevokedGrandparentRevokesADeeperChain() throws Exception {
        // Tokens exchanged from exchanged tokens carry every ancestor; revoking the root revokes the leaf.
        Instant now = f.clock.instant();
        String leaf = f.signer().sign(TokenUse.ACCESS, "alice", Optional.of("bot"), Optional.empty(), Set.of(),
                List.of("root-user-token", "middle-token"), now, now.plusSeconds(60)).value();
        assertThat(f.authenticator.authenticate(leaf)).isInstanceOf(Authentication.Authenticated.class);

        f.revocations.revoke("root-user-token");

        assertThat(rejection(replica, leaf)).isEqualTo(Reason.REVOKED);
    }

    @Test
    void refusesAMalformedChainClaim() {
        Instant now = f.clock.instant();
        List<String> tooLong = java.util.stream.IntStream.range(0, JwtSigner.MAX_CHAIN).mapToObj(i -> "p" + i)
                .toList();
        String atLimit = f.signer().sign(TokenUse.ACCESS, "bot", Optional.empty(), Optional.empty(), Set.of(),
                tooLong, now, now.plusSeconds(60)).value();

        assertThat(f.authenticator.authenticate(atLimit)).isInstanceOf(Authentication.Authenticated.class);
        assertThat(rejection(f, JwtAuthenticatorTest.signWith(f, new com.nimbusds.jwt.JWTClaimsSet.Builder(
                JwtAuthenticatorTest.claimsFor(f, "bot")).claim(JwtSigner.CHAIN, List.of("a", 7)).build())))
                .isEqualTo(Reason.MALFORMED);
        assertThat(rejection(f, JwtAuthenticatorTest.signWith(f, new com.nimbusds.jwt.JWTClaimsSet.Builder(
                JwtAuthenticatorTest.claimsFor(f, "bot")).claim(JwtSigner.CHAIN, "a").build())))
                .isEqualTo(Reason.MALFORMED);
    }

    private String exchangeWithCredentials(String userToken, String agent, String key) {
        TokenResponse r = f.endpoint.handle(TokenRequest.of(Map.of("grant_type", TokenEndpoint.TOKEN_EXCHANGE,
                "subject_token", userToken, "subject_token_type", TokenEndpoint.ACCESS_TOKEN_TYPE),
                Optional.of(new ClientCredentials(agent, key))));
        return ((TokenResponse.Issued) r).accessToken();
    }

    private String exchangeWithActorToken(String userToken, String actorToken) {
        TokenResponse r = f.endpoint.handle(TokenRequest.of(Map.of("grant_type", TokenEndpoint.TOKEN_EXCHANGE,
                "subject_token", userToken, "subject_token_type", TokenEndpoint.ACCESS_TOKEN_TYPE,
                "actor_token", actorToken, "actor_token_type", TokenEndpoint.ACCESS_TOKEN_TYPE), Optional.empty()));
        return ((TokenResponse.Issued) r).accessToken();
    }

    private static Reason rejection(Fixture on, String token) {
        Authentication a = on.authenticator.authenticate(token);
        assertThat(a).isInstanceOf(Authentication.Rejected.class);
        return ((Authentication.Rejected) a).reason();
    }

    private static String jti(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
    }
}
