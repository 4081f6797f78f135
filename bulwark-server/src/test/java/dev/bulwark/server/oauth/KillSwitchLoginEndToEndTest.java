package dev.bulwark.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.IdentitySettings;
import dev.bulwark.server.config.OAuthSettings;
import dev.bulwark.server.gateway.AdminToken;
import dev.bulwark.server.gateway.Gateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill switch pulled through the admin API ends a user's interactive login through the agent: after the agent
 * is re-activated, the refresh token from before the kill mints nothing (it did before: the cut-off covered access
 * tokens only).
 */
class KillSwitchLoginEndToEndTest {
    private static final String REDIRECT = OAuthLoginEndToEndTest.REDIRECT;

    private static HttpResponse<String> admin(Gateway gateway, String admin, String path) throws Exception {
        return LoginSteps.HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLoginFromBeforeTheKillCannotRefreshAfterTheAgentIsReactivated(@TempDir Path data) throws Exception {
        BulwarkConfig config = BulwarkConfig.defaults().withDataDir(data.toString()).withPort(0)
                .withIdentity(new IdentitySettings(null, null, null, null,
                        new OAuthSettings(true, "support-bot", null, null, null)));
        try (Gateway gateway = Gateway.start(config)) {
            gateway.identity().passwords().set("alice", OAuthLoginEndToEndTest.PASSWORD);
            LoginSteps steps = new LoginSteps(gateway);
            String client = steps.register("Alice's editor", REDIRECT);
            Browser browser = new Browser();
            HttpResponse<String> login = browser.get(steps.authorizeUrl(client, REDIRECT));
            HttpResponse<String> consent = browser.post(gateway.baseUrl() + "/oauth/authorize", java.util.Map.of(
                    "csrf", Browser.csrf(login), "action", "login", "username", "alice",
                    "password", OAuthLoginEndToEndTest.PASSWORD));
            HttpResponse<String> done = browser.post(gateway.baseUrl() + "/oauth/authorize", java.util.Map.of(
                    "csrf", Browser.csrf(consent), "action", "consent", "decision", "allow"));
            String code = Browser.query(done.headers().firstValue("Location").orElseThrow()).get("code");
            JsonNode tokens = LoginSteps.JSON.readTree(steps.redeem(code, client, REDIRECT, LoginSteps.VERIFIER)
                    .body());
            String refresh = tokens.get("refresh_token").asText();
            String admin = Files.readString(data.resolve(AdminToken.FIRST_START_FILE)).trim();

            assertThat(admin(gateway, admin, "/api/v1/agents/support-bot/kill").statusCode()).isEqualTo(200);
            assertThat(admin(gateway, admin, "/api/v1/agents/support-bot/activate").statusCode()).isEqualTo(200);

            HttpResponse<String> refreshed = steps.postForm("/oauth/token", "grant_type=refresh_token&client_id="
                    + client + "&refresh_token=" + Browser.enc(refresh));
            assertThat(refreshed.statusCode()).as(refreshed.body()).isIn(400, 401);
            assertThat(refreshed.body()).doesNotContain("access_token");
        }
    }
}
