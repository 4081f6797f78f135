package dev.bulwark.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.IdentitySettings;
import dev.bulwark.server.config.OAuthSettings;
import dev.bulwark.server.gateway.Gateway;
import dev.bulwark.server.gateway.TestGateways;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's own MCP client over HTTP: it registers (RFC 7591), sends the user to the login page, the user logs in
 * and consents, the client redeems the code with its PKCE verifier and calls a tool as the user through the
 * registered agent. Then the hostile variants.
 */
class OAuthLoginEndToEndTest {
    static final ObjectMapper JSON = LoginSteps.JSON;
    static final HttpClient HTTP = LoginSteps.HTTP;
    static final String REDIRECT = "http://127.0.0.1:43117/callback";
    static final String VERIFIER = LoginSteps.VERIFIER;
    static final String PASSWORD = "alice's long password";
    @TempDir
    static Path data;
    static Gateway gateway;
    static String clientId;
    static LoginSteps steps;

    @BeforeAll
    static void start() throws Exception {
        BulwarkConfig config = BulwarkConfig.defaults().withDataDir(data.toString()).withPort(0)
                .withIdentity(new IdentitySettings(null, null, null, null,
                        new OAuthSettings(true, "support-bot", null, null, null)));
        gateway = Gateway.start(config);
        gateway.identity().passwords().set("alice", PASSWORD);
        steps = new LoginSteps(gateway);
        HttpResponse<String> registered = steps.postJson("/oauth/register",
                "{\"client_name\":\"Alice's editor\",\"redirect_uris\":[\"" + REDIRECT + "\"],"
                        + "\"token_endpoint_auth_method\":\"none\",\"grant_types\":[\"authorization_code\","
                        + "\"refresh_token\"],\"response_types\":[\"code\"],\"logo_uri\":\"https://x.example/l.png\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        clientId = JSON.readTree(registered.body()).get("client_id").asText();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** Logs alice in and consents; answers the URL the browser is sent to. */
    static String loginAndConsent(Browser browser) throws Exception {
        return loginAndConsentAs(browser, clientId);
    }

    static String loginAndConsentAs(Browser browser, String client) throws Exception {
        HttpResponse<String> login = browser.get(steps.authorizeUrl(client, REDIRECT));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        HttpResponse<String> consent = browser.post(gateway.baseUrl() + "/oauth/authorize", Map.of(
                "csrf", Browser.csrf(login), "action", "login", "username", "alice", "password", PASSWORD));
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(200);
        HttpResponse<String> done = browser.post(gateway.baseUrl() + "/oauth/authorize", Map.of(
                "csrf", Browser.csrf(consent), "action", "consent", "decision", "allow"));
        assertThat(done.statusCode()).isEqualTo(303);
        return done.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void metadataAdvertisesCodeFlowWithS256AndRegistration() throws Exception {
        JsonNode doc = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                + "/.well-known/oauth-authorization-server")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(doc.get("response_types_supported")).extracting(JsonNode::asText).containsExactly("code");
        assertThat(doc.get("code_challenge_methods_supported")).extracting(JsonNode::asText).containsExactly("S256");
        assertThat(doc.get("grant_types_supported")).extracting(JsonNode::asText)
                .contains("authorization_code", "refresh_token");
        assertThat(doc.get("registration_endpoint").asText()).isEqualTo(gateway.baseUrl() + "/oauth/register");
        assertThat(doc.get("token_endpoint_auth_methods_supported")).extracting(JsonNode::asText).contains("none");
    }

    @Test
    void aUserLogsInConsentsAndTheClientCallsAToolAsTheUserThroughTheAgent() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.get(steps.authorizeUrl(clientId, REDIRECT));
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "frame-ancestors 'none'", "form-action 'self'");
        HttpResponse<String> consent = browser.post(gateway.baseUrl() + "/oauth/authorize", Map.of(
                "csrf", Browser.csrf(login), "action", "login", "username", "alice", "password", PASSWORD));
        assertThat(consent.body()).contains("Alice&#39;s editor", clientId, "support-bot", "mcp");
        assertThat(consent.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("form-action 'self' http://127.0.0.1:43117");
        HttpResponse<String> done = browser.post(gateway.baseUrl() + "/oauth/authorize", Map.of(
                "csrf", Browser.csrf(consent), "action", "consent", "decision", "allow"));
        String location = done.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?");
        Map<String, String> q = Browser.query(location);
        assertThat(q).containsEntry("state", "s1").containsEntry("iss", gateway.baseUrl());

        HttpResponse<String> tokens = steps.redeem(q.get("code"), clientId, REDIRECT, VERIFIER);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(tokens.body());
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(body.get("access_token").asText()
                .split("\\.")[1]));
        assertThat(claims.get("sub").asText()).isEqualTo("alice");
        assertThat(claims.at("/act/sub").asText()).isEqualTo("support-bot");
        assertThat(body.get("refresh_token").asText()).isNotBlank();
        try (McpSyncClient client = TestGateways.client(gateway, body.get("access_token").asText(), null)) {
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("crm.get_customer",
                    Map.of("id", 3)));
            assertThat(r.isError()).as(r.toString()).isFalse();
        }
        assertThat(gateway.auditLog().tail(50)).anySatisfy(r -> {
            assertThat(r.event().action()).isEqualTo("oauth.consent");
            assertThat(r.event().userId()).isEqualTo("alice");
        });

        HttpResponse<String> refreshed = steps.postForm("/oauth/token", "grant_type=refresh_token&client_id=" + clientId
                + "&refresh_token=" + Browser.enc(body.get("refresh_token").asText()));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        HttpResponse<String> reused = steps.postForm("/oauth/token", "grant_type=refresh_token&client_id=" + clientId
                + "&refresh_token=" + Browser.enc(body.get("refresh_token").asText()));
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.body()).contains("invalid_grant");
        HttpResponse<String> afterReuse = steps.postForm("/oauth/token", "grant_type=refresh_token&client_id=" + clientId
                + "&refresh_token=" + Browser.enc(JSON.readTree(refreshed.body()).get("refresh_token").asText()));
        assertThat(afterReuse.statusCode()).as("reuse revokes the family").isEqualTo(400);
    }

    @Test
    void aClientAskingForOfflineAccessAndForeignScopesIsShownAndGrantedOnlyWhatBulwarkOffers() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.get(steps.authorizeUrl(clientId, REDIRECT, "openid mcp offline_access"));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        HttpResponse<String> consent = browser.post(gateway.baseUrl() + "/oauth/authorize", Map.of(
                "csrf", Browser.csrf(login), "action", "login", "username", "alice", "password", PASSWORD));
        assertThat(consent.body()).contains("use the scopes: <code>mcp</code>")
                .doesNotContain("offline_access", "openid");
        HttpResponse<String> done = browser.post(gateway.baseUrl() + "/oauth/authorize", Map.of(
                "csrf", Browser.csrf(consent), "action", "consent", "decision", "allow"));
        Map<String, String> q = Browser.query(done.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> tokens = steps.redeem(q.get("code"), clientId, REDIRECT, VERIFIER);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(tokens.body());
        assertThat(body.get("scope").asText()).isEqualTo("mcp");
        assertThat(body.get("refresh_token").asText()).isNotBlank();
    }

    @Test
    void aWrongVerifierOrAReusedCodeGetsNoToken() throws Exception {
        String code = Browser.query(loginAndConsent(new Browser())).get("code");
        assertThat(steps.redeem(code, clientId, REDIRECT, "wrong-verifier-wrong-verifier-wrong-verifier-00")
                .statusCode()).isEqualTo(400);
        assertThat(steps.redeem(code, clientId, REDIRECT, VERIFIER).body()).contains("invalid_grant");
    }

    @Test
    void aFormWithoutTheCsrfTokenOrCookieIsRefused() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.get(steps.authorizeUrl(clientId, REDIRECT));
        HttpResponse<String> noCsrf = browser.post(gateway.baseUrl() + "/oauth/authorize", Map.of(
                "action", "login", "username", "alice", "password", PASSWORD));
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        Browser other = new Browser();
        HttpResponse<String> noCookie = other.post(gateway.baseUrl() + "/oauth/authorize", Map.of(
                "csrf", Browser.csrf(login), "action", "login", "username", "alice", "password", PASSWORD));
        assertThat(noCookie.statusCode()).isEqualTo(403);
    }

    @Test
    void aWrongPasswordIsRefusedAndRepeatedFailuresAreThrottled() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.get(steps.authorizeUrl(clientId, REDIRECT));
        int last = 0;
        for (int i = 0; i < 6; i++) {
            page = browser.post(gateway.baseUrl() + "/oauth/authorize", Map.of("csrf", Browser.csrf(page),
                    "action", "login", "username", "carol", "password", "not the password " + i));
            last = page.statusCode();
            if (i < 5) {
                assertThat(last).isEqualTo(401);
            }
        }
        assertThat(last).isEqualTo(429);
    }

    @Test
    void mismatchedAndOpenRedirectsAreNeverFollowed() throws Exception {
        for (String evil : new String[] {"https://evil.example/callback", "http://127.0.0.1:43117/other",
                "javascript:alert(1)"}) {
            HttpResponse<String> r = new Browser().get(steps.authorizeUrl(clientId, evil));
            assertThat(r.statusCode()).as(evil).isEqualTo(400);
            assertThat(r.headers().firstValue("Location")).isEmpty();
        }
        String code = Browser.query(loginAndConsent(new Browser())).get("code");
        assertThat(steps.redeem(code, clientId, "http://127.0.0.1:43117/callback?x=1", VERIFIER).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aCodeIssuedToOneClientCannotBeRedeemedByAnother() throws Exception {
        String other = JSON.readTree(steps.postJson("/oauth/register", "{\"redirect_uris\":[\"" + REDIRECT + "\"]}")
                .body()).get("client_id").asText();
        String code = Browser.query(loginAndConsent(new Browser())).get("code");
        assertThat(steps.redeem(code, other, REDIRECT, VERIFIER).body()).contains("invalid_grant");
    }

    @Test
    void anAdminGivesAUserAPasswordThroughTheApiAndItIsNeverEchoedOrAudited() throws Exception {
        gateway.identity().users().register("dora", java.util.Set.of(), Map.of());
        String admin = java.nio.file.Files.readString(data.resolve(
                dev.bulwark.server.gateway.AdminToken.FIRST_START_FILE)).trim();
        java.util.function.BiFunction<String, String, HttpResponse<String>> setPassword = (user, body) -> {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/users/" + user
                        + "/password")).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + admin)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        HttpResponse<String> ok = setPassword.apply("dora", "{\"password\":\"dora's new password 1\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).doesNotContain("dora's new password 1");
        assertThat(gateway.identity().passwords().verify("dora", "dora's new password 1")).isTrue();
        assertThat(setPassword.apply("dora", "{\"password\":\"short\"}").statusCode()).isEqualTo(400);
        assertThat(setPassword.apply("nobody", "{\"password\":\"long enough password\"}").statusCode())
                .isEqualTo(404);
        assertThat(gateway.auditLog().tail(200)).anySatisfy(r -> assertThat(r.event().action())
                .isEqualTo("user.password")).noneSatisfy(r -> assertThat(r.event().toString())
                .contains("dora's new password 1"));
    }

    @Test
    void anAdminListsClientsAndDeletingOneEndsItsLogins() throws Exception {
        String admin = java.nio.file.Files.readString(data.resolve(
                dev.bulwark.server.gateway.AdminToken.FIRST_START_FILE)).trim();
        String victim = steps.register("To be removed", REDIRECT);
        String code = Browser.query(loginAndConsentAs(new Browser(), victim)).get("code");
        JsonNode tokens = JSON.readTree(steps.redeem(code, victim, REDIRECT, VERIFIER).body());
        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                + "/api/v1/oauth/clients")).header("Authorization", "Bearer " + admin).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(victim, "To be removed", "support-bot");
        HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                + "/api/v1/oauth/clients/" + victim + "/delete")).header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(JSON.readTree(deleted.body()).get("loginsRevoked").asInt()).isEqualTo(1);
        assertThat(gateway.identity().authenticator().authenticate(tokens.get("access_token").asText()))
                .isInstanceOf(dev.bulwark.spi.identity.Authentication.Rejected.class);
        assertThat(steps.postForm("/oauth/token", "grant_type=refresh_token&client_id=" + victim
                + "&refresh_token=" + Browser.enc(tokens.get("refresh_token").asText())).statusCode())
                .isEqualTo(401);
        assertThat(new Browser().get(steps.authorizeUrl(victim, REDIRECT)).statusCode()).isEqualTo(400);
    }

    @Test
    void aDenyingUserSendsTheClientAccessDenied() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.get(steps.authorizeUrl(clientId, REDIRECT));
        HttpResponse<String> consent = browser.post(gateway.baseUrl() + "/oauth/authorize", Map.of(
                "csrf", Browser.csrf(login), "action", "login", "username", "alice", "password", PASSWORD));
        HttpResponse<String> done = browser.post(gateway.baseUrl() + "/oauth/authorize", Map.of(
                "csrf", Browser.csrf(consent), "action", "consent", "decision", "deny"));
        assertThat(Browser.query(done.headers().firstValue("Location").orElseThrow()))
                .containsEntry("error", "access_denied").doesNotContainKey("code");
    }
}
