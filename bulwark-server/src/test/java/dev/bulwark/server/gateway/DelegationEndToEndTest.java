package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 8693 over HTTP: an admin mints a user token, the agent exchanges it for a delegated token, and calls are
 * allowed only when both the agent and the user may make them.
 */
class DelegationEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path data;
    static Gateway gateway;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateways.start(data);
        admin = Files.readString(data.resolve(AdminToken.FIRST_START_FILE)).trim();
        post("/api/v1/users", "application/json", "Bearer " + admin, "{\"id\":\"bob\",\"roles\":[]}");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static HttpResponse<String> post(String path, String type, String auth, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).header("Content-Type", type)
                .header("Authorization", auth).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String delegatedToken(String user) throws Exception {
        HttpResponse<String> minted = post("/api/v1/users/" + user + "/token", "application/json",
                "Bearer " + admin, "{\"ttlSeconds\":600}");
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
        String userToken = JSON.readTree(minted.body()).get("token").asText();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("support-bot:"
                + gateway.demoCredentials().supportBotKey()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> exchanged = post("/oauth/token", "application/x-www-form-urlencoded", basic,
                "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:token-exchange", StandardCharsets.UTF_8)
                        + "&subject_token=" + userToken
                        + "&subject_token_type=" + URLEncoder.encode("urn:ietf:params:oauth:token-type:access_token",
                        StandardCharsets.UTF_8));
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        return JSON.readTree(exchanged.body()).get("access_token").asText();
    }

    @Test
    void delegatedTokenNamesUserAsSubjectAndAgentAsActor() throws Exception {
        String token = delegatedToken("alice");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.get("sub").asText()).isEqualTo("alice");
        assertThat(claims.at("/act/sub").asText()).isEqualTo("support-bot");
    }

    @Test
    void agentActingForAPermittedUserMayRead() throws Exception {
        try (McpSyncClient client = TestGateways.client(gateway, delegatedToken("alice"), null)) {
            assertThat(client.listTools().tools()).isNotEmpty();
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("crm.get_customer",
                    Map.of("id", 4)));
            assertThat(r.isError()).isFalse();
        }
        assertThat(GatewayEndToEndTestSupport.lastToolCall(gateway, "crm.get_customer").event().userId())
                .isEqualTo("alice");
    }

    @Test
    void agentActingForAUserWithoutRightsGetsNothing() throws Exception {
        try (McpSyncClient client = TestGateways.client(gateway, delegatedToken("bob"), null)) {
            assertThat(client.listTools().tools()).isEmpty();
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("crm.get_customer",
                    Map.of("id", 4)));
            assertThat(r.isError()).isTrue();
            assertThat(((McpSchema.TextContent) r.content().get(0)).text()).contains("DENIED");
        }
        var record = GatewayEndToEndTestSupport.lastToolCall(gateway, "crm.get_customer");
        assertThat(record.event().userId()).isEqualTo("bob");
        assertThat(record.event().agentId()).isEqualTo("support-bot");
    }
}
