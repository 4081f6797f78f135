package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baselines learned before a restart judge the first calls after it (the gateway's database keeps them). */
class AnomalyBaselineRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void reads(Gateway gateway, String key, int n) throws Exception {
        String token = TestGateways.token(gateway, "support-bot", key);
        try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
            for (int i = 0; i < n; i++) {
                client.callTool(new McpSchema.CallToolRequest("crm.find_customers", Map.of("limit", 5)));
            }
        }
        assertThat(gateway.anomalies().drain(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aFirstUseRightAfterARestartIsJudgedByTheBaselineLearnedBeforeIt(@TempDir Path data) throws Exception {
        var config = AnomalyEndToEndTest.config(data, List.of(), Map.of());
        String key;
        try (Gateway gateway = Gateway.start(config)) {
            key = gateway.demoCredentials().supportBotKey(); // shown on the first start only
            reads(gateway, key, 12);
        } // closing writes the baselines
        try (Gateway gateway = Gateway.start(config)) {
            JsonNode status = JSON.readTree(AnomalyEndToEndTest.admin(gateway, "GET", "/api/v1/anomalies/status")
                    .body());
            assertThat(status.get("principals").asInt()).as("restored before any call").isPositive();
            assertThat(status.get("baselineProblems").asLong()).isZero();
            String token = TestGateways.token(gateway, "support-bot", key);
            try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                client.callTool(new McpSchema.CallToolRequest("crm.get_customer", Map.of("id", 1)));
            }
            assertThat(gateway.anomalies().drain(Duration.ofSeconds(10))).isTrue();
            JsonNode listed = JSON.readTree(AnomalyEndToEndTest.admin(gateway, "GET",
                    "/api/v1/anomalies?kind=first-use").body());
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("summary").asText()).contains("after 12 calls");
        }
    }
}
