package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.identity.Authentication.Reason;
import dev.bulwark.spi.identity.Principal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtAuthenticatorTest {
    @TempDir
    Path dir;
    Fixture f;
    String token;

    @BeforeEach
    void setUp() {
        f = new Fixture(dir);
        token = f.accessToken("bot", f.agent("bot"));
        f.users.register("alice", Set.of("analyst"), Map.of());
    }

    private Principal accepted(String credential) {
        Authentication a = f.authenticator.authenticate(credential);
        assertThat(a).isInstanceOf(Authentication.Authenticated.class);
        return ((Authentication.Authenticated) a).principal();
    }

    private Authentication.Rejected rejected(String credential) {
        Authentication a = f.authenticator.authenticate(credential);
        assertThat(a).isInstanceOf(Authentication.Rejected.class);
        Authentication.Rejected r = (Authentication.Rejected) a;
        if (credential != null && credential.length() > 10) {
            assertThat(r.detail()).doesNotContain(credential);
        }
        return r;
    }

    @Test
    void acceptsAnAgentsAccessToken() {
        Principal p = accepted(token);

        assertThat(p.agent().id()).isEqualTo("bot");
        assertThat(p.agent().attributes()).containsEntry("department", "finance");
        assertThat(p.delegated()).isFalse();
        assertThat(p.scopes()).containsExactlyInAnyOrder("mcp", "admin");
        assertThat(p.expiresAt()).isEqualTo(f.clock.instant().plus(TokenSettings.DEFAULT_ACCESS_TOKEN_TTL));
        assertThat(p.tokenId()).isNotBlank();
    }

    @Test
    void acceptsADelegatedTokenWithAgentAndUser() {
        String delegated = f.signer().sign(TokenUse.ACCESS, "alice", Optional.of("bot"), Optional.empty(),
                Set.of("mcp"), f.clock.instant(), f.clock.instant().plusSeconds(60)).value();

        Principal p = accepted(delegated);

        assertThat(p.agent().id()).isEqualTo("bot");
        assertThat(p.user()).hasValueSatisfying(u -> assertThat(u.id()).isEqualTo("alice"));
        assertThat(p.scopes()).containsExactly("mcp");
    }

    @Test
    void repeatedVerificationOfTheSameTokenStillSeesSuspension() {
        accepted(token);
        accepted(token);

        f.agents.suspend("bot");
        assertThat(rejected(token).reason()).isEqualTo(Reason.AGENT_SUSPENDED);

        f.agents.activate("bot");
        accepted(token);
    }

    @Test
    void revokingAnAgentsTokensRefusesEveryEarlierTokenEvenAfterReactivation() {
        String delegated = f.signer().sign(TokenUse.ACCESS, "alice", Optional.of("bot"), Optional.empty(),
                Set.of("mcp"), f.clock.instant(), f.clock.instant().plusSeconds(60)).value();
        String other = f.accessToken("other", f.agent("other"));
        accepted(token);
        accepted(delegated);

        f.agents.suspend("bot");
        f.revocations.revokeTokensOf("bot");
        f.agents.activate("bot");

        assertThat(rejected(token).reason()).isEqualTo(Reason.REVOKED);
        assertThat(rejected(delegated).reason()).isEqualTo(Reason.REVOKED);
        accepted(other);
        f.clock.advance(Duration.ofSeconds(2));
        String fresh = f.signer().sign(TokenUse.ACCESS, "bot", Optional.empty(), Optional.empty(), Set.of("mcp"),
                f.clock.instant(), f.clock.instant().plusSeconds(60)).value();
        accepted(fresh);
    }

    @Test
    void revocationTakesEffectOnTheNextCallEvenWhenCached() {
        Principal p = accepted(token);

        f.revocations.revoke(p.tokenId(), p.expiresAt());

        assertThat(rejected(token).reason()).isEqualTo(Reason.REVOKED);
    }

    @Test
    void expiryIsCheckedOnEveryCallWithClockSkew() {
        accepted(token);
        f.clock.advance(TokenSettings.DEFAULT_ACCESS_TOKEN_TTL.plusSeconds(29));
        accepted(token);

        f.clock.advance(Duration.ofSeconds(2));

        assertThat(rejected(token).reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void refusesTokensNotYetValid() {
        Instant future = f.clock.instant().plusSeconds(120);
        String early = f.signer().sign(TokenUse.ACCESS, "bot", Optional.empty(), Optional.empty(), Set.of(),
                future, future.plusSeconds(600)).value();

        assertThat(rejected(early).reason()).isEqualTo(Reason.NOT_YET_VALID);

        f.clock.advance(Duration.ofSeconds(100));
        accepted(early);
    }

    @Test
    void refusesTokensSignedByAnotherKey() {
        Fixture other = new Fixture(dir.resolve("other"));
        other.agent("bot");
        String forged = other.signer().sign(TokenUse.ACCESS, "bot", Optional.empty(), Optional.empty(), Set.of(),
                f.clock.instant(), f.clock.instant().plusSeconds(60)).value();

        assertThat(rejected(forged).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesAForeignSignatureUnderOurKeyId() throws Exception {
        Fixture other = new Fixture(dir.resolve("other"));
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(f.keys.signingKeyId()).build();
        String signingInput = header.toBase64URL() + "." + claims("bot").toPayload().toBase64URL();
        byte[] sig = Ed25519KeySet.sign(other.keys.signingKey().privateKey(),
                signingInput.getBytes(StandardCharsets.US_ASCII));

        assertThat(rejected(signingInput + "." + Base64URL.encode(sig)).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesATamperedPayload() {
        String[] parts = token.split("\\.");
        String payload = Base64URL.from(parts[1]).decodeToString().replace("\"sub\":\"bot\"", "\"sub\":\"root\"");
        String tampered = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];

        assertThat(rejected(tampered).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesUnsignedTokens() {
        String none = new PlainJWT(claims("bot")).serialize();

        assertThat(rejected(none).reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        String noneWithSignature = none + "c2ln";
        assertThat(rejected(noneWithSignature).reason()).isIn(Reason.UNSUPPORTED_ALGORITHM, Reason.MALFORMED);
    }

    @Test
    void refusesHmacSignedWithThePublicKey() throws Exception {
        // Classic algorithm confusion: HS256 keyed with bytes the attacker knows (the published public key).
        byte[] publicKey = Base64URL.from(f.keys.signingKey().jwk().getX().toString()).decode();
        byte[] jwks = f.keys.publicJwksJson().getBytes(StandardCharsets.UTF_8);
        for (byte[] secret : new byte[][] {publicKey, jwks}) {
            SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(f.keys.signingKeyId())
                    .build(), claims("bot"));
            hs.sign(new MACSigner(secret));

            Authentication.Rejected r = rejected(hs.serialize());
            assertThat(r.reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
            assertThat(r.detail()).contains("HS256");
        }
    }

    @Test
    void refusesWrongAudienceAndIssuer() {
        TokenSettings otherAudience = new TokenSettings(Fixture.ISSUER, "https://other.example.com/mcp",
                f.settings.accessTokenTtl(), f.settings.maxUserTokenTtl(), f.settings.clockSkew(),
                f.settings.maxTokenLength(), f.settings.allowedScopes());
        TokenSettings otherIssuer = new TokenSettings("https://evil.example.com", Fixture.AUDIENCE,
                f.settings.accessTokenTtl(), f.settings.maxUserTokenTtl(), f.settings.clockSkew(),
                f.settings.maxTokenLength(), f.settings.allowedScopes());

        String aud = new JwtSigner(f.keys, otherAudience).sign(TokenUse.ACCESS, "bot", Optional.empty(),
                Optional.empty(), Set.of(), f.clock.instant(), f.clock.instant().plusSeconds(60)).value();
        String iss = new JwtSigner(f.keys, otherIssuer).sign(TokenUse.ACCESS, "bot", Optional.empty(),
                Optional.empty(), Set.of(), f.clock.instant(), f.clock.instant().plusSeconds(60)).value();

        assertThat(rejected(aud).reason()).isEqualTo(Reason.WRONG_AUDIENCE);
        assertThat(rejected(iss).reason()).isEqualTo(Reason.WRONG_ISSUER);
    }

    @Test
    void refusesUserTokensPresentedAsAccessTokens() {
        Authentication.Rejected r = rejected(f.userToken("alice"));

        assertThat(r.reason()).isEqualTo(Reason.WRONG_TOKEN_TYPE);
        assertThat(r.detail()).contains("user token");
    }

    @Test
    void refusesUnknownAgentsAndUsers() {
        String ghost = f.signer().sign(TokenUse.ACCESS, "ghost", Optional.empty(), Optional.empty(), Set.of(),
                f.clock.instant(), f.clock.instant().plusSeconds(60)).value();
        String ghostUser = f.signer().sign(TokenUse.ACCESS, "nobody", Optional.of("bot"), Optional.empty(),
                Set.of(), f.clock.instant(), f.clock.instant().plusSeconds(60)).value();

        assertThat(rejected(ghost).reason()).isEqualTo(Reason.UNKNOWN_AGENT);
        Authentication.Rejected r = rejected(ghostUser);
        assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_USER);
        assertThat(r.detail()).contains("user nobody");
    }

    @Test
    void refusesADelegatedTokenWhoseAgentIsSuspended() {
        String delegated = f.signer().sign(TokenUse.ACCESS, "alice", Optional.of("bot"), Optional.empty(),
                Set.of(), f.clock.instant(), f.clock.instant().plusSeconds(60)).value();
        f.agents.suspend("bot");

        assertThat(rejected(delegated).reason()).isEqualTo(Reason.AGENT_SUSPENDED);
    }

    @Test
    void reportsAMissingCredential() {
        assertThat(rejected(null).reason()).isEqualTo(Reason.MISSING);
        assertThat(rejected("  ").reason()).isEqualTo(Reason.MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b", "a.b.c", "a.b.c.d", "..", "eyJhbGciOiJFZERTQSJ9..", "Bearer x.y.z",
            "ü.ö.ä", "eyJ.eyJ.sig", "e30.e30.e30", "eyJhbGciOiJFZERTQSIsImtpZCI6IngifQ.e30.AAAA",
            "bnVsbA.bnVsbA.bnVsbA", "W10.W10.W10"})
    void refusesGarbageAsMalformedOrUnverifiable(String garbage) {
        assertThat(rejected(garbage).reason())
                .isIn(Reason.MALFORMED, Reason.BAD_SIGNATURE, Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void refusesHugeTokensBeforeParsing() {
        String huge = token + "A".repeat(TokenSettings.DEFAULT_MAX_TOKEN_LENGTH);

        Authentication.Rejected r = rejected(huge);

        assertThat(r.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(r.detail()).contains("longer than");
    }

    @Test
    void refusesValidlySignedTokensMissingRequiredClaims() throws Exception {
        JWTClaimsSet noJti = new JWTClaimsSet.Builder(claims("bot")).jwtID(null).build();
        JWTClaimsSet noUse = new JWTClaimsSet.Builder(claims("bot")).claim(JwtSigner.TOKEN_USE, "root").build();
        JWTClaimsSet badAct = new JWTClaimsSet.Builder(claims("alice")).claim(JwtSigner.ACT, "bot").build();

        for (JWTClaimsSet c : new JWTClaimsSet[] {noJti, noUse, badAct}) {
            assertThat(rejected(signOurs(c)).reason()).isEqualTo(Reason.MALFORMED);
        }
    }

    @Test
    void refusesATokenSignedWithTheRealKeyButLivingLongerThanTheConfiguredLifetime() {
        Instant now = f.clock.instant();
        // The attack: a token minted with our key (leaked signer, misconfigured replica) valid for a year.
        String yearLong = f.signer().sign(TokenUse.ACCESS, "bot", Optional.empty(), Optional.empty(), Set.of(),
                now, now.plus(Duration.ofDays(365))).value();
        // Within the access-token lifetime plus clock skew: still fine.
        String atLimit = f.signer().sign(TokenUse.ACCESS, "bot", Optional.empty(), Optional.empty(), Set.of(),
                now, now.plus(f.settings.accessTokenTtl()).plus(f.settings.clockSkew())).value();
        String justOver = f.signer().sign(TokenUse.ACCESS, "bot", Optional.empty(), Optional.empty(), Set.of(),
                now, now.plus(f.settings.accessTokenTtl()).plus(f.settings.clockSkew()).plusSeconds(1)).value();

        Authentication.Rejected r = rejected(yearLong);
        assertThat(r.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(r.detail()).contains("lifetime");
        accepted(atLimit);
        assertThat(rejected(justOver).reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void userTokensAreBoundByTheLongestUserTokenLifetime() {
        Instant now = f.clock.instant();
        String tooLong = f.signer().sign(TokenUse.USER, "alice", Optional.empty(), Optional.empty(), Set.of("mcp"),
                now, now.plus(f.settings.maxUserTokenTtl()).plus(Duration.ofHours(1))).value();
        String actorToken = token;

        TokenResponse r = f.endpoint.handle(TokenRequest.of(Map.of("grant_type", TokenEndpoint.TOKEN_EXCHANGE,
                "subject_token", tooLong, "subject_token_type", TokenEndpoint.ACCESS_TOKEN_TYPE,
                "actor_token", actorToken, "actor_token_type", TokenEndpoint.ACCESS_TOKEN_TYPE), Optional.empty()));

        assertThat(((TokenResponse.Failed) r).auditReason()).contains("MALFORMED");
    }

    @Test
    void refusesTokensWithoutIatOrExpOrEndingBeforeTheyStart() {
        Instant now = f.clock.instant();
        JWTClaimsSet noIat = new JWTClaimsSet.Builder(claims("bot")).issueTime(null).build();
        JWTClaimsSet noExp = new JWTClaimsSet.Builder(claims("bot")).expirationTime(null).build();
        JWTClaimsSet backwards = new JWTClaimsSet.Builder(claims("bot")).issueTime(Date.from(now.plusSeconds(20)))
                .notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(10))).build();

        for (JWTClaimsSet c : new JWTClaimsSet[] {noIat, noExp, backwards}) {
            assertThat(rejected(signOurs(c)).reason()).isEqualTo(Reason.MALFORMED);
        }
    }

    @Test
    void retiringTheSigningKeyOfATokenInvalidatesItEvenWhenCached() {
        accepted(token);
        f.keys.rotate();
        accepted(token);

        f.keys.retire(f.keys.keyIds().get(1));

        assertThat(rejected(token).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void failsClosedWhenTheDatabaseIsGone() throws Exception {
        accepted(token);
        java.nio.file.Files.delete(dir.resolve("state.db"));
        java.nio.file.Files.createDirectory(dir.resolve("state.db"));

        Authentication a = f.authenticator.authenticate(token);

        assertThat(a).isInstanceOf(Authentication.Rejected.class);
        assertThat(((Authentication.Rejected) a).reason()).isEqualTo(Reason.UNAVAILABLE);
    }

    private JWTClaimsSet claims(String subject) {
        return claimsFor(f, subject);
    }

    private String signOurs(JWTClaimsSet claims) {
        return signWith(f, claims);
    }

    /** Claims of a valid five-minute access token for {@code subject}. */
    static JWTClaimsSet claimsFor(Fixture f, String subject) {
        Instant now = f.clock.instant();
        return new JWTClaimsSet.Builder().issuer(Fixture.ISSUER).audience(Fixture.AUDIENCE).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).jwtID("jti-" + subject)
                .claim(JwtSigner.TOKEN_USE, "access").build();
    }

    /** Signs any claims with the fixture's real signing key, as a compact JWS. */
    static String signWith(Fixture f, JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(f.keys.signingKeyId()).build();
        String signingInput = header.toBase64URL() + "." + claims.toPayload().toBase64URL();
        byte[] sig = Ed25519KeySet.sign(f.keys.signingKey().privateKey(),
                signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64URL.encode(sig);
    }
}
