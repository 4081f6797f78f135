package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents pushed through the admin API and retrieved over MCP, filtered by their ACLs before the agent sees them. */
class DocumentsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path data;
    static Gateway gateway;
    static String admin;
    static String support;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateways.start(data);
        admin = Files.readString(data.resolve(AdminToken.FIRST_START_FILE)).trim();
        support = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode search(String token, String query) throws Exception {
        try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("docs.search",
                    Map.of("query", query)));
            assertThat(r.isError()).as(r.toString()).isFalse();
            return JSON.readTree(GatewayEndToEndTestSupport.unspotlighted(r));
        }
    }

    @Test
    void demoDocumentsAreFilteredByAclAndSanitized() throws Exception {
        JsonNode found = search(support, "refund policy manager");
        assertThat(found.get("results")).isNotEmpty();
        assertThat(found.toString()).contains("Refunds up to 200 EUR")
                .doesNotContain("Ignore previous instructions").doesNotContain("Acme Logistics about the Q3");
        assertThat(search(support, "escalate outages on-call").get("results")).isEmpty();
    }

    @Test
    void pushedDocumentsAreIngestedAuditedAndSearchable() throws Exception {
        HttpResponse<String> r = post("/api/v1/documents", """
                [{"source_id":"wiki:vpn","title":"VPN how-to","media_type":"text/plain",
                  "content":"Connect to the zebra-gateway VPN with your badge number.",
                  "acl":{"groups":["support"]},"integrity":"trusted"},
                 {"source_id":"wiki:secret","title":"Board minutes","media_type":"text/plain",
                  "content":"zebra-gateway acquisition talks","acl":{"principals":["agent:board-bot"]}},
                 {"source_id":"wiki:bad","title":"Broken","media_type":"text/plain","content":""}]""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode results = JSON.readTree(r.body()).get("results");
        assertThat(results.get(0).get("status").asText()).isEqualTo("ingested");
        assertThat(results.get(1).get("status").asText()).isEqualTo("ingested");
        assertThat(results.get(2).get("status").asText()).isEqualTo("refused");
        assertThat(gateway.auditLog().tail(10)).anySatisfy(rec -> {
            assertThat(rec.event().action()).isEqualTo("document.ingest");
            assertThat(rec.event().details()).containsEntry("sourceId", "wiki:vpn");
        });
        JsonNode hits = search(support, "zebra-gateway");
        assertThat(hits.get("results")).hasSize(1);
        assertThat(hits.toString()).contains("badge number").doesNotContain("acquisition");
    }

    @Test
    void ingestionRefusesMalformedBatches() throws Exception {
        assertThat(post("/api/v1/documents", "{not json").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/documents", "[{\"source_id\":\"x\",\"acl_typo\":{}}]").statusCode()).isEqualTo(400);
    }

    @Test
    void keyRotationReencryptsAndSearchStillWorks() throws Exception {
        HttpResponse<String> r = post("/api/v1/documents/rotate-key", "{}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("rewritten").asInt()).isPositive();
        assertThat(search(support, "refund policy").get("results")).isNotEmpty();
    }
}
