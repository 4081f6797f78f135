package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Federation against a real OpenID provider in the test JVM ({@code mock-oauth2-server}), which signs real ID tokens
 * with its own keys: a mapped subject logs in; unmapped subjects, wrong audiences, expired tokens and replayed states
 * are refused.
 */
class OidcFederationTest {
    static final URI CALLBACK = URI.create("http://127.0.0.1:9/oauth/federated/callback");
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    MockOAuth2Server idp;
    /** When set, the provider's token endpoint answers with this body (a hostile or broken provider). */
    final java.util.concurrent.atomic.AtomicReference<String> forged = new java.util.concurrent.atomic.AtomicReference<>();
    final no.nav.security.mock.oauth2.http.Route forgedTokenResponse = new no.nav.security.mock.oauth2.http.Route() {
        @Override
        public boolean match(no.nav.security.mock.oauth2.http.OAuth2HttpRequest request) {
            return forged.get() != null && request.getUrl().encodedPath().endsWith("/token");
        }

        @Override
        public no.nav.security.mock.oauth2.http.OAuth2HttpResponse invoke(
                no.nav.security.mock.oauth2.http.OAuth2HttpRequest request) {
            return new no.nav.security.mock.oauth2.http.OAuth2HttpResponse(
                    okhttp3.Headers.of("Content-Type", "application/json"), 200, forged.getAndSet(null), null);
        }
    };
    Fixture f;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        idp = new MockOAuth2Server(forgedTokenResponse);
        idp.start(0);
        f = new Fixture(dir);
        f.users.register("alice", Set.of("staff"), Map.of());
    }

    @AfterEach
    void tearDown() {
        idp.shutdown();
    }

    OidcFederation federation(Map<String, String> subjects, boolean autoProvision) {
        return new OidcFederation(new OidcFederation.Settings(idp.issuerUrl("corp").uri(), "bulwark",
                Optional.of("s3cret"), CALLBACK, subjects, autoProvision, Set.of("staff")), f.users);
    }

    /** Follows the provider's (non-interactive) login: answers the callback's query. */
    Map<String, String> loginAtProvider(URI authorizationUrl) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(authorizationUrl).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK.toString());
        return CodeFlowFixture.query(location);
    }

    @Test
    void aMappedSubjectLogsInAsItsBulwarkUser() throws Exception {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "00u-alice-at-idp"));
        OidcFederation federation = federation(Map.of("00u-alice-at-idp", "alice"), false);
        URI url = federation.start("pending-1");
        assertThat(url.getQuery()).contains("code_challenge_method=S256", "nonce=", "state=");
        Map<String, String> back = loginAtProvider(url);
        OidcFederation.Outcome outcome = federation.finish(back.get("state"), back.get("code"));
        assertThat(outcome).isEqualTo(new OidcFederation.Outcome.LoggedIn("pending-1", "alice", "00u-alice-at-idp"));
    }

    @Test
    void anUnmappedSubjectIsRefusedUnlessAutoProvisioningIsOn() throws Exception {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "stranger"));
        OidcFederation strict = federation(Map.of(), false);
        Map<String, String> back = loginAtProvider(strict.start("p"));
        assertThat(strict.finish(back.get("state"), back.get("code")))
                .isInstanceOf(OidcFederation.Outcome.Refused.class);
        assertThat(f.users.find("stranger")).isEmpty();

        idp.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "newcomer"));
        OidcFederation open = federation(Map.of(), true);
        back = loginAtProvider(open.start("p"));
        assertThat(open.finish(back.get("state"), back.get("code")))
                .isEqualTo(new OidcFederation.Outcome.LoggedIn("p", "newcomer", "newcomer"));
        assertThat(f.users.find("newcomer").orElseThrow().roles()).containsExactly("staff");
    }

    /**
     * Red team round 2: with auto-provisioning on, a provider subject that happens to equal the id of a user the
     * administrator created (or one a mapping points to, or one provisioned from another provider) must not log in as
     * that user: only users this provider itself provisioned are its subjects' accounts.
     */
    @Test
    void anAutoProvisionedSubjectNamedLikeAnExistingUserDoesNotLogInAsThatUser() throws Exception {
        f.users.register("bob", Set.of("finance"), Map.of("idp", "https://another-idp.example"));
        OidcFederation open = federation(Map.of("00u-alice-at-idp", "alice"), true);
        for (String subject : new String[] {"alice", "bob"}) {
            idp.enqueueCallback(new DefaultOAuth2TokenCallback("corp", subject));
            Map<String, String> back = loginAtProvider(open.start("p"));
            assertThat(open.finish(back.get("state"), back.get("code"))).as(subject)
                    .isInstanceOf(OidcFederation.Outcome.Refused.class);
        }
        // a subject the provider provisioned itself logs in again as the same user
        for (int i = 0; i < 2; i++) {
            idp.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "newcomer"));
            Map<String, String> back = loginAtProvider(open.start("p"));
            assertThat(open.finish(back.get("state"), back.get("code")))
                    .isEqualTo(new OidcFederation.Outcome.LoggedIn("p", "newcomer", "newcomer"));
        }
    }

    @Test
    void aStateIsSingleUseAndAnUnknownStateIsRefused() throws Exception {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "00u-alice-at-idp"));
        OidcFederation federation = federation(Map.of("00u-alice-at-idp", "alice"), false);
        Map<String, String> back = loginAtProvider(federation.start("p"));
        assertThat(federation.finish("forged-state", back.get("code")))
                .isInstanceOf(OidcFederation.Outcome.Refused.class);
        assertThat(federation.finish(back.get("state"), back.get("code")))
                .isInstanceOf(OidcFederation.Outcome.LoggedIn.class);
        assertThat(federation.finish(back.get("state"), back.get("code")))
                .isInstanceOf(OidcFederation.Outcome.Refused.class);
    }

    /**
     * Logs in at the provider, then makes its token endpoint answer with {@code idToken} made by {@code forge} from
     * the login's nonce: how a hostile or broken provider answer reaches Bulwark.
     */
    OidcFederation.Outcome finishWith(java.util.function.Function<String, String> forge) throws Exception {
        OidcFederation federation = federation(Map.of("00u-alice-at-idp", "alice"), false);
        URI url = federation.start("p");
        String nonce = CodeFlowFixture.query(url.toString()).get("nonce");
        Map<String, String> back = loginAtProvider(url);
        forged.set(("{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":60,\"id_token\":\""
                        + forge.apply(nonce) + "\"}"));
        return federation.finish(back.get("state"), back.get("code"));
    }

    String signedByProvider(String audience, String nonce, long expirySeconds) {
        return idp.issueToken("corp", "00u-alice-at-idp", audience, Map.of("nonce", nonce), expirySeconds)
                .serialize();
    }

    @Test
    void aGenuineIdTokenDeliveredThisWayIsAccepted() throws Exception {
        assertThat(finishWith(nonce -> signedByProvider("bulwark", nonce, 300)))
                .isInstanceOf(OidcFederation.Outcome.LoggedIn.class);
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() throws Exception {
        assertRefused(finishWith(nonce -> signedByProvider("some-other-client", nonce, 300)), "audience");
    }

    @Test
    void anIdTokenWithAnotherLoginsNonceIsRefused() throws Exception {
        assertRefused(finishWith(nonce -> signedByProvider("bulwark", "replayed-nonce", 300)), "nonce");
    }

    @Test
    void anExpiredIdTokenIsRefused() throws Exception {
        assertRefused(finishWith(nonce -> signedByProvider("bulwark", nonce, -3600)), "expired");
    }

    @Test
    void anIdTokenSignedByAnotherKeyIsRefused() throws Exception {
        assertRefused(finishWith(nonce -> {
            try {
                var key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("attacker").generate();
                var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(idp.issuerUrl("corp").toString())
                        .subject("00u-alice-at-idp").audience("bulwark").claim("nonce", nonce)
                        .issueTime(new java.util.Date())
                        .expirationTime(new java.util.Date(System.currentTimeMillis() + 300_000)).build();
                var jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                        com.nimbusds.jose.JWSAlgorithm.RS256).keyID("attacker").build(), claims);
                jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
                return jwt.serialize();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }), "");
    }

    private static void assertRefused(OidcFederation.Outcome outcome, String reason) {
        assertThat(outcome).isInstanceOf(OidcFederation.Outcome.Refused.class);
        assertThat(((OidcFederation.Outcome.Refused) outcome).reason()).containsIgnoringCase(reason);
    }

    @Test
    void aProviderWhoseDiscoveryNamesAnotherIssuerIsNotTrusted() {
        OidcFederation federation = new OidcFederation(new OidcFederation.Settings(
                URI.create(idp.issuerUrl("corp") + "/"), "bulwark", Optional.empty(), CALLBACK, Map.of(), false,
                Set.of()), f.users);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> federation.start("p"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not be discovered");
    }
}
