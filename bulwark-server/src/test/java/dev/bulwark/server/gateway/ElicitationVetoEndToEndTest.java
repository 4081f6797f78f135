package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.identity.TokenRequest;
import dev.bulwark.identity.TokenResponse;
import dev.bulwark.server.config.ConfigLoader;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the agent's client supports MCP elicitation, the delegating user is asked in that client whether to stop a
 * call paused for approval: "stop" denies it (audited as the user's), anything else leaves it to the approvers, and
 * the user can never approve it this way.
 */
class ElicitationVetoEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT = "veto-bot";
    @TempDir
    static Path data;
    static Gateway gateway;
    static String agentKey;

    @BeforeAll
    static void start() throws Exception {
        gateway = Gateway.start(new ConfigLoader().parse("approvals: {wait: 0s}", "test.yaml")
                .withDataDir(data.toString()).withPort(0));
        // admin agents' CRM writes wait for approval (crm-admin-write); alice (support) may write notes herself
        agentKey = gateway.identity().agents().register(AGENT, "ops@example.com", Set.of("admin-agent"), Map.of())
                .apiKey().value();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String delegatedToken(String user) {
        String userToken = gateway.identity().tokens().issueUserToken(user, Duration.ofMinutes(10), Optional.of(AGENT))
                .value();
        TokenResponse r = gateway.identity().tokens().handle(TokenRequest.of(Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token", userToken,
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "client_id", AGENT, "client_secret", agentKey), Optional.empty()));
        return ((TokenResponse.Issued) r).accessToken();
    }

    private static McpSyncClient client(String token, Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> user) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(gateway.localUrl())
                .endpoint("/mcp").jsonMapper(new JacksonMcpJsonMapper(JSON))
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build();
        McpClient.SyncSpec spec = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30));
        if (user != null) {
            spec = spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build()).elicitation(user);
        }
        McpSyncClient client = spec.build();
        client.initialize();
        return client;
    }

    private static McpSchema.CallToolResult writeNote(McpSyncClient client, long id) {
        return client.callTool(new McpSchema.CallToolRequest("crm.update_customer_note",
                Map.of("id", id, "note", "call back on Monday")));
    }

    private static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @Test
    void theUserStopsAPausedCallFromTheirClientAndItIsDeniedForGood() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client(delegatedToken("alice"), request -> {
            asked.add(request.message());
            return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("decision", "stop"));
        })) {
            McpSchema.CallToolResult result = writeNote(client, 2);

            assertThat(result.isError()).isTrue();
            assertThat(text(result)).startsWith("DENIED").contains("the user stopped this call");
            assertThat(asked).singleElement().asString().contains("crm.update_customer_note").contains("crm-admin-write");
            String id = text(result).replaceAll(".*approval:([A-Za-z0-9_-]+).*", "$1");
            var request = gateway.approvals().desk().find(id).orElseThrow();
            assertThat(request.state().name()).isEqualTo("DENIED");
            assertThat(request.deniedBy()).contains("user:alice");
            // the same call again opens a new request (a denial is final) and asks again
            assertThat(text(writeNote(client, 2))).startsWith("DENIED");
            assertThat(asked).hasSize(2);
        }
    }

    @Test
    void anyOtherAnswerLeavesTheCallToTheApprovers() throws Exception {
        for (McpSchema.ElicitResult answer : List.of(
                new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("decision", "wait")),
                new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, Map.of()),
                new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.CANCEL, null),
                new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("decision", "approve")))) {
            try (McpSyncClient client = client(delegatedToken("alice"), request -> answer)) {
                McpSchema.CallToolResult result = writeNote(client, 3);
                assertThat(text(result)).as(String.valueOf(answer)).startsWith("APPROVAL_REQUIRED");
            }
        }
    }

    @Test
    void aClientWithoutElicitationIsNotAskedAndAnAgentsOwnCallIsNotPutToAUser() throws Exception {
        try (McpSyncClient client = client(delegatedToken("alice"), null)) {
            assertThat(text(writeNote(client, 4))).startsWith("APPROVAL_REQUIRED");
        }
        List<String> asked = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client(TestGateways.token(gateway, AGENT, agentKey), request -> {
            asked.add(request.message());
            return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("decision", "stop"));
        })) {
            assertThat(text(writeNote(client, 5))).startsWith("APPROVAL_REQUIRED");
        }
        assertThat(asked).as("no user behind an agent's own token").isEmpty();
    }
}
