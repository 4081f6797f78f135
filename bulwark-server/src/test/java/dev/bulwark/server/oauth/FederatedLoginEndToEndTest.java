package dev.bulwark.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.FederationSettings;
import dev.bulwark.server.config.IdentitySettings;
import dev.bulwark.server.config.OAuthSettings;
import dev.bulwark.server.gateway.Gateway;
import dev.bulwark.server.gateway.TestGateways;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user of an external OpenID provider (a real one in this JVM, {@code mock-oauth2-server}, signing real ID tokens)
 * logs in to a person's MCP client through Bulwark: login page, provider, back to Bulwark's consent page, code, token,
 * tool call as the mapped Bulwark user.
 */
class FederatedLoginEndToEndTest {
    static final String REDIRECT = "http://127.0.0.1:43118/callback";
    @TempDir
    static Path data;
    static MockOAuth2Server idp;
    static Gateway gateway;
    static String clientId;
    static LoginSteps steps;

    @BeforeAll
    static void start() throws Exception {
        idp = new MockOAuth2Server();
        idp.start(0);
        FederationSettings federation = new FederationSettings(idp.issuerUrl("corp").toString(), "bulwark",
                "s3cret", "Corp SSO", Map.of("00u-alice", "alice"), false, List.of());
        gateway = Gateway.start(BulwarkConfig.defaults().withDataDir(data.toString()).withPort(0)
                .withIdentity(new IdentitySettings(null, null, null, null,
                        new OAuthSettings(true, "support-bot", null, null, federation, true))));
        steps = new LoginSteps(gateway);
        clientId = steps.register("CLI", REDIRECT);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        idp.shutdown();
    }

    /** Login page, then the provider's button: answers the provider's redirect back to Bulwark. */
    static String throughTheProvider(Browser browser, String subject) throws Exception {
        HttpResponse<String> login = browser.get(steps.authorizeUrl(clientId, REDIRECT));
        assertThat(login.body()).contains("Log in with Corp SSO");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("form-action 'self' http://" + idp.issuerUrl("corp").host() + ":" + idp.issuerUrl("corp").port());
        HttpResponse<String> toIdp = browser.post(gateway.baseUrl() + "/oauth/federated/start",
                Map.of("csrf", Browser.csrf(login)));
        assertThat(toIdp.statusCode()).as(toIdp.body()).isEqualTo(303);
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("corp", subject));
        HttpResponse<String> atIdp = browser.get(toIdp.headers().firstValue("Location").orElseThrow());
        assertThat(atIdp.statusCode()).isEqualTo(302);
        return atIdp.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void aFederatedUserLogsInConsentsAndTheClientCallsAToolAsThatUser() throws Exception {
        Browser browser = new Browser();
        String back = throughTheProvider(browser, "00u-alice");
        assertThat(back).startsWith(gateway.baseUrl() + "/oauth/federated/callback?");
        HttpResponse<String> consent = browser.get(back);
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(200);
        assertThat(consent.body()).contains("logged in as <strong>alice</strong>", "CLI");
        HttpResponse<String> done = browser.post(gateway.baseUrl() + "/oauth/authorize", Map.of(
                "csrf", Browser.csrf(consent), "action", "consent", "decision", "allow"));
        String code = Browser.query(done.headers().firstValue("Location").orElseThrow()).get("code");
        HttpResponse<String> tokens = steps.redeem(code, clientId, REDIRECT, LoginSteps.VERIFIER);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = LoginSteps.JSON.readTree(tokens.body());
        try (McpSyncClient client = TestGateways.client(gateway, body.get("access_token").asText(), null)) {
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("crm.get_customer",
                    Map.of("id", 3)));
            assertThat(r.isError()).as(r.toString()).isFalse();
        }
        assertThat(gateway.auditLog().tail(50)).anySatisfy(r -> {
            assertThat(r.event().action()).isEqualTo("oauth.federated.login");
            assertThat(r.event().userId()).isEqualTo("alice");
        });
    }

    @Test
    void metadataDocumentClientsAreAdvertisedAndOneOnAPrivateAddressIsNeverFetched() throws Exception {
        JsonNode doc = LoginSteps.JSON.readTree(new Browser().get(gateway.baseUrl()
                + "/.well-known/oauth-authorization-server").body());
        assertThat(doc.get("client_id_metadata_document_supported").asBoolean()).isTrue();
        HttpResponse<String> r = new Browser().get(steps.authorizeUrl(
                Browser.enc("https://127.0.0.1:" + URI.create(gateway.baseUrl()).getPort() + "/client.json"),
                REDIRECT));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("unknown client");
        assertThat(r.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void anUnmappedSubjectIsRefused() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> r = browser.get(throughTheProvider(browser, "00u-stranger"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).doesNotContain("Allow");
    }

    @Test
    void theProvidersAnswerIsNotAcceptedInAnotherBrowser() throws Exception {
        String back = throughTheProvider(new Browser(), "00u-alice");
        HttpResponse<String> victim = new Browser().get(back);
        assertThat(victim.statusCode()).isEqualTo(403);
        assertThat(URI.create(back).getQuery()).contains("state=");
    }
}
