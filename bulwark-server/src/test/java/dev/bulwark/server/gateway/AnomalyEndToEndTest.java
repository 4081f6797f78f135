package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.server.config.AnomalyDetectionSettings;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anomalies found in real traffic through a gateway get their configured responses: an alert at a webhook, risk that a
 * Cedar policy reads on the next call, and the kill switch; all of it audited and listed by the admin API.
 */
class AnomalyEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static BulwarkConfig config(Path data, List<String> webhooks, Map<String, List<String>> responses)
            throws Exception {
        Path policies = data.resolve("policies");
        Policies.seed(policies);
        Files.writeString(policies.resolve("risk.cedar"), """
                @id("halt-at-risk")
                forbid (principal, action, resource) when { context.session.riskMillis >= 1000 };
                """);
        return BulwarkConfig.defaults().withDataDir(data.toString()).withPort(0).withAnomaly(
                new AnomalyDetectionSettings(true, 10, "10m", null, null, null, webhooks, 1.0, "1h", null, responses,
                        null));
    }

    /** Twelve reads of one tool, then a tool this agent never used: a first use. */
    static McpSchema.CallToolResult learnThenFirstUse(McpSyncClient client) {
        for (int i = 0; i < 12; i++) {
            assertThat(client.callTool(new McpSchema.CallToolRequest("crm.find_customers", Map.of("limit", 5)))
                    .isError()).isFalse();
        }
        return client.callTool(new McpSchema.CallToolRequest("crm.get_customer", Map.of("id", 1)));
    }

    static HttpResponse<String> admin(Gateway gateway, String method, String path) throws Exception {
        String token = Files.readString(gateway.config().dataPath().resolve(AdminToken.FIRST_START_FILE)).trim();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.localUrl() + path))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFirstUseAlertsTheWebhookAndRaisesRiskThatACedarPolicyReadsOnTheNextCall(@TempDir Path data)
            throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
        String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
        try (Gateway gateway = Gateway.start(config(data, List.of(url), Map.of()))) {
            String token = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
            try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                assertThat(learnThenFirstUse(client).isError()).as("the first use itself is served").isFalse();
                assertThat(gateway.anomalies().drain(Duration.ofSeconds(10))).isTrue();
                McpSchema.CallToolResult next = client.callTool(new McpSchema.CallToolRequest("crm.find_customers",
                        Map.of("limit", 5)));
                assertThat(next.isError()).as("risk raised by the anomaly, read by Cedar").isTrue();
                assertThat(((McpSchema.TextContent) next.content().get(0)).text()).contains("halt-at-risk");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (bodies.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            JsonNode alert = JSON.readTree(bodies.get(0));
            assertThat(alert.get("text").asText()).contains("first-use").contains("support-bot")
                    .contains("crm.get_customer");
            assertThat(alert.at("/anomaly/kind").asText()).isEqualTo("first-use");

            JsonNode listed = JSON.readTree(admin(gateway, "GET", "/api/v1/anomalies?kind=first-use").body());
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("agentId").asText()).isEqualTo("support-bot");
            assertThat(listed.get(0).get("responses").toString()).contains("risk").contains("alert");
            assertThat(admin(gateway, "GET", "/api/v1/anomalies?kind=nonsense").statusCode()).isEqualTo(400);
            assertThat(admin(gateway, "GET", "/api/v1/anomalies?color=red").statusCode()).isEqualTo(400);
            JsonNode status = JSON.readTree(admin(gateway, "GET", "/api/v1/anomalies/status").body());
            assertThat(status.get("processed").asLong()).isGreaterThanOrEqualTo(13);
            assertThat(status.get("failed").asLong()).isZero();

            List<AuditRecord> anomalies = gateway.auditLog().tail(200).stream()
                    .filter(r -> r.event().type() == AuditEventType.ANOMALY).toList();
            assertThat(anomalies).extracting(r -> r.event().action()).contains("anomaly.first-use");
            // and counted in the metrics (telemetry's AnomalyMetrics)
            assertThat(admin(gateway, "GET", "/metrics").body())
                    .containsPattern("bulwark_anomalies_total\\{kind=\"first-use\"\\} 1\\.0");
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void theKillSwitchResponseRefusesTheAgentsNextCall(@TempDir Path data) throws Exception {
        try (Gateway gateway = Gateway.start(config(data, List.of(), Map.of("first-use", List.of("kill"))))) {
            String token = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
            try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                learnThenFirstUse(client);
                assertThat(gateway.anomalies().drain(Duration.ofSeconds(10))).isTrue();
                assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("crm.find_customers",
                        Map.of("limit", 5)))).as("suspended and revoked").isInstanceOf(RuntimeException.class);
            }
            assertThat(gateway.identity().agents().find("support-bot").orElseThrow().active()).isFalse();
            gateway.identity().agents().activate("support-bot");
            try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                throw new AssertionError("the old token must stay revoked after re-activation");
            } catch (RuntimeException expected) {
                // initialize was refused
            }
            assertThat(gateway.auditLog().tail(100)).extracting(r -> r.event().action())
                    .contains("anomaly.response.kill");
        }
    }

    @Test
    void detectionOffLeavesCallsAloneAndListsNothing(@TempDir Path data) throws Exception {
        BulwarkConfig off = config(data, List.of(), Map.of()).withAnomaly(new AnomalyDetectionSettings(false, null,
                null, null, null, null, null, null, null, null, null, null));
        try (Gateway gateway = Gateway.start(off)) {
            String token = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
            try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                assertThat(learnThenFirstUse(client).isError()).isFalse();
                assertThat(client.callTool(new McpSchema.CallToolRequest("crm.find_customers", Map.of("limit", 5)))
                        .isError()).isFalse();
            }
            assertThat(JSON.readTree(admin(gateway, "GET", "/api/v1/anomalies").body())).isEmpty();
            assertThat(JSON.readTree(admin(gateway, "GET", "/api/v1/anomalies/status").body()).get("enabled")
                    .asBoolean()).isFalse();
        }
    }
}
