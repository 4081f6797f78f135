package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the authorization endpoint refuses, and whether it dares to redirect while refusing. */
class AuthorizationRequestCheckTest {
    @TempDir
    Path dir;
    CodeFlowFixture x;

    @BeforeEach
    void setUp() {
        x = new CodeFlowFixture(dir);
    }

    @Test
    void aGoodRequestIsValid() {
        assertThat(x.flow.check(x.authorizeParams())).isInstanceOf(AuthorizationRequest.Outcome.Valid.class);
    }

    @Test
    void aLoopbackRedirectOnAnotherPortIsAccepted() {
        assertThat(x.flow.check(CodeFlowFixture.with(x.authorizeParams(), "redirect_uri",
                "http://127.0.0.1:61000/callback"))).isInstanceOf(AuthorizationRequest.Outcome.Valid.class);
    }

    @Test
    void openRedirectAttemptsAreAnsweredOnBulwarksOwnPageNeverByRedirect() {
        for (String evil : List.of("https://evil.example/cb", "https://app.example.com/cb/../../evil",
                "https://app.example.com/cb?x=https://evil.example", "javascript:alert(1)",
                "http://127.0.0.1.evil.example/callback")) {
            assertThat(x.flow.check(CodeFlowFixture.with(x.authorizeParams(), "redirect_uri", evil)))
                    .as(evil).isInstanceOf(AuthorizationRequest.Outcome.Refused.class);
        }
        assertThat(x.flow.check(CodeFlowFixture.with(x.authorizeParams(), "redirect_uri", null)))
                .isInstanceOf(AuthorizationRequest.Outcome.Refused.class);
        assertThat(x.flow.check(CodeFlowFixture.with(x.authorizeParams(), "client_id", "bwc_unknownunknownunknow")))
                .isInstanceOf(AuthorizationRequest.Outcome.Refused.class);
    }

    @Test
    void plainPkceAndMissingPkceAreRefusedBackToTheClient() {
        assertRedirectError(CodeFlowFixture.with(x.authorizeParams(), "code_challenge_method", "plain"),
                "invalid_request");
        assertRedirectError(CodeFlowFixture.with(x.authorizeParams(), "code_challenge_method", null),
                "invalid_request");
        assertRedirectError(CodeFlowFixture.with(x.authorizeParams(), "code_challenge", null), "invalid_request");
        assertRedirectError(CodeFlowFixture.with(x.authorizeParams(), "code_challenge", "short"), "invalid_request");
    }

    @Test
    void otherFaultsAreRefusedBackToTheClientWithItsState() {
        assertRedirectError(CodeFlowFixture.with(x.authorizeParams(), "response_type", "token"),
                "unsupported_response_type");
        assertRedirectError(CodeFlowFixture.with(x.authorizeParams(), "scope", "root"), "invalid_scope");
        assertRedirectError(CodeFlowFixture.with(x.authorizeParams(), "scope", "mcp  root"), "invalid_scope");
        assertRedirectError(CodeFlowFixture.with(x.authorizeParams(), "resource", "https://other.example/mcp"),
                "invalid_target");
        var r = (AuthorizationRequest.Outcome.Redirect) x.flow.check(
                CodeFlowFixture.with(x.authorizeParams(), "response_type", "token"));
        assertThat(CodeFlowFixture.query(r.url())).containsEntry("state", "xyz");
    }

    @Test
    void scopesBulwarkDoesNotOfferAreDroppedNeverGrantedAndOfflineAccessIsANoOp() {
        for (String asked : List.of("mcp root", "openid profile mcp offline_access")) {
            assertThat(granted(asked)).as(asked).containsExactly("mcp");
        }
        // Alone, offline_access asks nothing: the same as sending no scope, which grants every offered scope.
        assertThat(granted("offline_access")).isEqualTo(x.f.settings.allowedScopes()).contains("mcp");
    }

    private java.util.Set<String> granted(String asked) {
        var outcome = x.flow.check(CodeFlowFixture.with(x.authorizeParams(), "scope", asked));
        assertThat(outcome).as(asked).isInstanceOf(AuthorizationRequest.Outcome.Valid.class);
        return ((AuthorizationRequest.Outcome.Valid) outcome).request().scopes();
    }

    @Test
    void repeatedParametersAreRefusedWithoutRedirect() {
        Map<String, List<String>> p = new java.util.HashMap<>(x.authorizeParams());
        p.put("redirect_uri", List.of(CodeFlowFixture.REDIRECT, "https://evil.example/cb"));
        assertThat(x.flow.check(p)).isInstanceOf(AuthorizationRequest.Outcome.Refused.class);
    }

    @Test
    void aClientWhoseAgentIsSuspendedCannotStartALogin() {
        x.f.agents.suspend("helper");
        assertRedirectError(x.authorizeParams(), "unauthorized_client");
    }

    private void assertRedirectError(Map<String, List<String>> params, String error) {
        var outcome = x.flow.check(params);
        assertThat(outcome).isInstanceOf(AuthorizationRequest.Outcome.Redirect.class);
        var redirect = (AuthorizationRequest.Outcome.Redirect) outcome;
        assertThat(redirect.error()).isEqualTo(error);
        assertThat(redirect.url()).startsWith(CodeFlowFixture.REDIRECT + "?");
    }
}
