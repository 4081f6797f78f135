package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Authentication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizationCodeFlowTest {
    @TempDir
    Path dir;
    CodeFlowFixture x;

    @BeforeEach
    void setUp() {
        x = new CodeFlowFixture(dir);
    }

    @Test
    void aUserLogsInThroughAClientAndGetsATokenActingForThemThroughTheClientsAgent() {
        TokenResponse r = x.redeem(x.code(), x.client.clientId(), CodeFlowFixture.REDIRECT, CodeFlowFixture.VERIFIER);
        TokenResponse.Issued issued = (TokenResponse.Issued) r;
        assertThat(issued.refreshToken()).isPresent();
        assertThat(issued.toJson()).contains("\"refresh_token\"");
        var auth = (Authentication.Authenticated) x.f.authenticator.authenticate(issued.accessToken());
        assertThat(auth.principal().agent().id()).isEqualTo("helper");
        assertThat(auth.principal().user().orElseThrow().id()).isEqualTo("alice");
    }

    @Test
    void aClientAskingForOfflineAccessAndForeignScopesLogsInAndIsToldWhatItWasGranted() {
        var outcome = x.flow.check(CodeFlowFixture.with(x.authorizeParams(), "scope", "mcp offline_access openid"));
        AuthorizationRequest request = ((AuthorizationRequest.Outcome.Valid) outcome).request();
        String code = CodeFlowFixture.query(x.flow.approve(request, "alice")).get("code");
        var issued = (TokenResponse.Issued) x.redeem(code, x.client.clientId(), CodeFlowFixture.REDIRECT,
                CodeFlowFixture.VERIFIER);
        assertThat(issued.scopes()).containsExactly("mcp");
        assertThat(issued.toJson()).contains("\"scope\":\"mcp\"").doesNotContain("offline_access", "openid");
        assertThat(issued.refreshToken()).isPresent();
        var auth = (Authentication.Authenticated) x.f.authenticator.authenticate(issued.accessToken());
        assertThat(auth.principal().user().orElseThrow().id()).isEqualTo("alice");

        Map<String, List<String>> form = new java.util.HashMap<>();
        form.put("grant_type", List.of("refresh_token"));
        form.put("refresh_token", List.of(issued.refreshToken().orElseThrow()));
        form.put("client_id", List.of(x.client.clientId()));
        form.put("scope", List.of("offline_access"));
        var refreshed = (TokenResponse.Issued) x.endpoint.handle(new TokenRequest(form, Optional.empty()));
        assertThat(refreshed.scopes()).containsExactly("mcp");
    }

    @Test
    void theRedirectCarriesStateAndIssuer() {
        AuthorizationRequest request = ((AuthorizationRequest.Outcome.Valid) x.flow.check(x.authorizeParams()))
                .request();
        Map<String, String> q = CodeFlowFixture.query(x.flow.approve(request, "alice"));
        assertThat(q).containsEntry("state", "xyz").containsEntry("iss", Fixture.ISSUER).containsKey("code");
    }

    @Test
    void aWrongVerifierGetsNothingAndBurnsTheCode() {
        String code = x.code();
        assertThat(x.redeem(code, x.client.clientId(), CodeFlowFixture.REDIRECT,
                "another-verifier-of-at-least-43-characters-000000")).isInstanceOf(TokenResponse.Failed.class);
        assertFailed(x.redeem(code, x.client.clientId(), CodeFlowFixture.REDIRECT, CodeFlowFixture.VERIFIER),
                "code reused");
    }

    @Test
    void aReusedCodeRevokesTheTokensTheFirstRedemptionIssued() {
        String code = x.code();
        var first = (TokenResponse.Issued) x.redeem(code, x.client.clientId(), CodeFlowFixture.REDIRECT,
                CodeFlowFixture.VERIFIER);
        assertFailed(x.redeem(code, x.client.clientId(), CodeFlowFixture.REDIRECT, CodeFlowFixture.VERIFIER),
                "code reused");
        assertThat(x.f.authenticator.authenticate(first.accessToken()))
                .isInstanceOf(Authentication.Rejected.class);
        assertFailed(x.refresh(first.refreshToken().orElseThrow(), x.client.clientId()), "family revoked");
    }

    @Test
    void aMismatchedRedirectUriIsRefused() {
        assertFailed(x.redeem(x.code(), x.client.clientId(), "https://app.example.com/cb", CodeFlowFixture.VERIFIER),
                "redirect_uri differs");
    }

    @Test
    void aCodeForAnotherClientIsRefused() {
        OAuthClient other = x.clients.register("Other", List.of(CodeFlowFixture.REDIRECT), "helper");
        assertFailed(x.redeem(x.code(), other.clientId(), CodeFlowFixture.REDIRECT, CodeFlowFixture.VERIFIER),
                "code of another client");
    }

    @Test
    void anExpiredCodeIsRefused() {
        String code = x.code();
        x.f.clock.advance(Duration.ofSeconds(61));
        assertFailed(x.redeem(code, x.client.clientId(), CodeFlowFixture.REDIRECT, CodeFlowFixture.VERIFIER),
                "code expired");
    }

    @Test
    void anUnknownCodeOrClientIsRefused() {
        assertFailed(x.redeem("made-up", x.client.clientId(), CodeFlowFixture.REDIRECT, CodeFlowFixture.VERIFIER),
                "unknown code");
        var r = (TokenResponse.Failed) x.redeem(x.code(), "bwc_AAAAAAAAAAAAAAAAAAAAAA", CodeFlowFixture.REDIRECT,
                CodeFlowFixture.VERIFIER);
        assertThat(r.error()).isEqualTo(OAuthError.INVALID_CLIENT);
    }

    @Test
    void aPublicClientSendingASecretIsRefused() {
        var form = new java.util.HashMap<String, List<String>>();
        form.put("grant_type", List.of("authorization_code"));
        form.put("client_id", List.of(x.client.clientId()));
        form.put("client_secret", List.of("guess"));
        form.put("code", List.of(x.code()));
        var r = (TokenResponse.Failed) x.endpoint.handle(new TokenRequest(form, Optional.empty()));
        assertThat(r.error()).isEqualTo(OAuthError.INVALID_CLIENT);
    }

    @Test
    void refreshRotatesAndTheOldTokenNoLongerWorks() {
        var first = (TokenResponse.Issued) x.redeem(x.code(), x.client.clientId(), CodeFlowFixture.REDIRECT,
                CodeFlowFixture.VERIFIER);
        var second = (TokenResponse.Issued) x.refresh(first.refreshToken().orElseThrow(), x.client.clientId());
        assertThat(second.refreshToken()).isPresent().isNotEqualTo(first.refreshToken());
        assertThat(x.f.authenticator.authenticate(second.accessToken()))
                .isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void aReusedRefreshTokenRevokesTheWholeFamily() {
        var first = (TokenResponse.Issued) x.redeem(x.code(), x.client.clientId(), CodeFlowFixture.REDIRECT,
                CodeFlowFixture.VERIFIER);
        var second = (TokenResponse.Issued) x.refresh(first.refreshToken().orElseThrow(), x.client.clientId());
        assertFailed(x.refresh(first.refreshToken().orElseThrow(), x.client.clientId()), "refresh token reused");
        assertThat(x.f.authenticator.authenticate(second.accessToken())).isInstanceOf(Authentication.Rejected.class);
        assertFailed(x.refresh(second.refreshToken().orElseThrow(), x.client.clientId()), "family revoked");
    }

    @Test
    void aRefreshTokenPresentedByAnotherClientRevokesItsFamily() {
        var first = (TokenResponse.Issued) x.redeem(x.code(), x.client.clientId(), CodeFlowFixture.REDIRECT,
                CodeFlowFixture.VERIFIER);
        OAuthClient other = x.clients.register("Other", List.of(CodeFlowFixture.REDIRECT), "helper");
        assertFailed(x.refresh(first.refreshToken().orElseThrow(), other.clientId()), "another client");
        assertThat(x.f.authenticator.authenticate(first.accessToken())).isInstanceOf(Authentication.Rejected.class);
    }

    @Test
    void aFamilyEndsWhenItsLoginExpiresWhateverTheRotations() {
        var first = (TokenResponse.Issued) x.redeem(x.code(), x.client.clientId(), CodeFlowFixture.REDIRECT,
                CodeFlowFixture.VERIFIER);
        x.f.clock.advance(Duration.ofHours(11));
        var second = (TokenResponse.Issued) x.refresh(first.refreshToken().orElseThrow(), x.client.clientId());
        x.f.clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertFailed(x.refresh(second.refreshToken().orElseThrow(), x.client.clientId()), "refresh token expired");
    }

    @Test
    void aSuspendedAgentEndsItsClientsLogins() {
        var first = (TokenResponse.Issued) x.redeem(x.code(), x.client.clientId(), CodeFlowFixture.REDIRECT,
                CodeFlowFixture.VERIFIER);
        x.f.agents.suspend("helper");
        assertFailed(x.refresh(first.refreshToken().orElseThrow(), x.client.clientId()), "agent is missing");
    }

    /**
     * The kill switch suspends the agent and cuts off its tokens; a refresh token of a login from before the kill must
     * not mint fresh tokens once the agent is re-activated (docs/security/anomaly.md: re-activation does not revive
     * old tokens). Before the fix the refresh after re-activation succeeded: the cut-off covered access tokens only.
     */
    @Test
    void aKilledAgentsLoginsStayEndedAfterItIsReactivated() {
        CodeGrants grants = new CodeGrants(x.flow, x.clients, x.f.agents, x.f.users, x.f.revocations, x.f.dataSource,
                x.f.settings, Duration.ofHours(12), x.f.clock);
        var first = (TokenResponse.Issued) x.redeem(x.code(), x.client.clientId(), CodeFlowFixture.REDIRECT,
                CodeFlowFixture.VERIFIER);
        String unused = x.code();
        // what KillSwitch.pull does
        x.f.agents.suspend("helper");
        x.f.revocations.revokeTokensOf("helper");
        assertThat(grants.revokeLoginsOfAgent("helper")).isEqualTo(2);
        x.f.agents.activate("helper");
        assertThat(x.f.authenticator.authenticate(first.accessToken())).isInstanceOf(Authentication.Rejected.class);
        assertFailed(x.refresh(first.refreshToken().orElseThrow(), x.client.clientId()), "family revoked");
        assertFailed(x.redeem(unused, x.client.clientId(), CodeFlowFixture.REDIRECT, CodeFlowFixture.VERIFIER),
                "code reused");
    }

    @Test
    void revokingAClientsLoginsEndsItsTokensAndUnusedCodes() {
        CodeGrants grants = new CodeGrants(x.flow, x.clients, x.f.agents, x.f.users, x.f.revocations, x.f.dataSource,
                x.f.settings, Duration.ofHours(12), x.f.clock);
        var first = (TokenResponse.Issued) x.redeem(x.code(), x.client.clientId(), CodeFlowFixture.REDIRECT,
                CodeFlowFixture.VERIFIER);
        String unused = x.code();
        assertThat(grants.revokeLoginsOf(x.client.clientId())).isEqualTo(2);
        assertThat(x.f.authenticator.authenticate(first.accessToken())).isInstanceOf(Authentication.Rejected.class);
        assertFailed(x.refresh(first.refreshToken().orElseThrow(), x.client.clientId()), "family revoked");
        assertFailed(x.redeem(unused, x.client.clientId(), CodeFlowFixture.REDIRECT, CodeFlowFixture.VERIFIER),
                "code reused");
        assertThat(x.clients.delete(x.client.clientId())).isTrue();
        assertThat(x.clients.find(x.client.clientId())).isEmpty();
        assertThat(x.clients.delete(x.client.clientId())).isFalse();
    }

    private static void assertFailed(TokenResponse r, String auditReason) {
        assertThat(r).isInstanceOf(TokenResponse.Failed.class);
        var failed = (TokenResponse.Failed) r;
        assertThat(failed.error()).isEqualTo(OAuthError.INVALID_GRANT);
        assertThat(failed.auditReason()).contains(auditReason);
        assertThat(failed.toJson()).doesNotContain(auditReason);
    }
}
