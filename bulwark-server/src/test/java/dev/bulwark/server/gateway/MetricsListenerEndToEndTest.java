package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.TelemetrySettings;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} on a separate open listener, and the default gateway's tracing, which is off. */
class MetricsListenerEndToEndTest {
    @TempDir
    Path data;

    private static RawHttp.Answer get(String baseUrl, String host, Map<String, String> headers) throws Exception {
        return RawHttp.send(baseUrl, "GET", "/metrics", host, headers, new byte[0], -1, 0);
    }

    @Test
    void aSeparateOpenListenerServesMetricsAndTheGatewayPortServesNone() throws Exception {
        BulwarkConfig config = BulwarkConfig.defaults().withDataDir(data.toString()).withPort(0)
                .withTelemetry(new TelemetrySettings(new TelemetrySettings.Metrics(true, "open", 0, "127.0.0.1",
                        null, null), null, null));
        try (Gateway gateway = Gateway.start(config)) {
            String token = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
            try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                client.callTool(new McpSchema.CallToolRequest("crm.get_customer", Map.of("id", 1)));
            }
            int port = gateway.http().metricsPort().orElseThrow();
            String separate = "http://127.0.0.1:" + port;
            String admin = Files.readString(data.resolve(AdminToken.FIRST_START_FILE)).trim();

            RawHttp.Answer open = get(separate, "127.0.0.1:" + port, Map.of());
            RawHttp.Answer rebound = get(separate, "attacker.example:" + port, Map.of());
            RawHttp.Answer onGatewayPort = get(gateway.localUrl(), "127.0.0.1:" + gateway.port(),
                    Map.of("Authorization", "Bearer " + admin));

            assertThat(open.status()).isEqualTo(200);
            assertThat(open.header("Content-Type")).startsWith("text/plain");
            assertThat(open.body()).contains("tool=\"crm.get_customer\"");
            assertThat(rebound.status()).isNotEqualTo(200);
            assertThat(rebound.body()).doesNotContain("bulwark_tool_calls_total");
            assertThat(onGatewayPort.status()).isEqualTo(404);
            assertThat(onGatewayPort.body()).doesNotContain("bulwark_tool_calls_total");
        }
    }

    @Test
    void theDefaultGatewayCreatesNoSpansAndServesMetricsBehindTheToken() throws Exception {
        try (Gateway gateway = TestGateways.start(data)) {
            assertThat(gateway.telemetry().tracingOn()).isFalse();
            assertThat(gateway.telemetry().metricsOn()).isTrue();
            assertThat(gateway.http().metricsPort()).isEmpty();
            RawHttp.Answer anonymous = get(gateway.localUrl(), "127.0.0.1:" + gateway.port(), Map.of());
            assertThat(anonymous.status()).isEqualTo(401);
        }
    }
}
