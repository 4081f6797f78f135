package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.telemetry.Telemetry;
import dev.bulwark.telemetry.TelemetryOptions;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metrics and traces of real calls through a real gateway with the demo connector, and who may read /metrics. */
class TelemetryEndToEndTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    @TempDir
    static Path data;
    static Gateway gateway;
    static String supportToken;
    static String adminToken;
    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    @BeforeAll
    static void start() throws Exception {
        Telemetry telemetry = Telemetry.create(TelemetryOptions.defaults().withTracing(true),
                SimpleSpanProcessor.create(SPANS), null);
        gateway = Gateway.start(BulwarkConfig.defaults().withDataDir(data.toString()).withPort(0), telemetry);
        supportToken = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
        adminToken = Files.readString(data.resolve(AdminToken.FIRST_START_FILE)).trim();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static McpSyncClient client(Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder().header("Authorization", "Bearer " + supportToken);
        headers.forEach(request::header);
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(gateway.localUrl())
                        .endpoint("/mcp")
                        .jsonMapper(new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper()))
                        .requestBuilder(request).build())
                .requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    static RawHttp.Answer scrape(String baseUrl, Map<String, String> headers) throws Exception {
        String host = java.net.URI.create(baseUrl).getAuthority();
        return RawHttp.send(baseUrl, "GET", "/metrics", host, headers, new byte[0], -1, 0);
    }

    static String metrics() throws Exception {
        RawHttp.Answer answer = scrape(gateway.localUrl(), Map.of("Authorization", "Bearer " + adminToken));
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    static double value(String scrape, String regex) {
        var m = Pattern.compile("^" + regex + " ([0-9.E+-]+)$", Pattern.MULTILINE).matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void metricsCountRealCallsByToolEffectAndPolicy() throws Exception {
        String before = metrics();
        try (McpSyncClient client = client(Map.of())) {
            client.callTool(new McpSchema.CallToolRequest("crm.get_customer", Map.of("id", 1)));
            client.callTool(new McpSchema.CallToolRequest("crm.get_customer", Map.of("id", 2)));
            McpSchema.CallToolResult denied = client.callTool(new McpSchema.CallToolRequest("crm.delete_customer",
                    Map.of("id", 1)));
            assertThat(denied.isError()).isTrue();
        }
        String after = metrics();

        String allowed = "bulwark_tool_calls_total\\{effect=\"allowed\",policy=\"[^\"]+\",tool=\"crm.get_customer\"\\}";
        String forbidden = "bulwark_tool_calls_total\\{effect=\"denied\",policy=\"[^\"]+\",tool=\"crm.delete_customer\"\\}";
        assertThat(value(after, allowed) - value(before, allowed)).isEqualTo(2.0);
        assertThat(value(after, forbidden) - value(before, forbidden)).isEqualTo(1.0);
        assertThat(after).contains("bulwark_pipeline_step_duration_seconds_count{step=\"decide\"}")
                .contains("bulwark_pipeline_step_duration_seconds_count{step=\"execute\"}")
                .contains("bulwark_tool_call_duration_seconds_bucket{effect=\"allowed\",le=")
                .contains("bulwark_audit_append_duration_seconds_count")
                .contains("bulwark_audit_queue_depth")
                .contains("bulwark_approvals_pending");
        assertThat(after).doesNotContain(supportToken).doesNotContain(adminToken);
    }

    @Test
    void theClientsTraceparentBecomesTheParentOfTheToolCallSpan() {
        try (McpSyncClient client = client(Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT + "-01"))) {
            client.callTool(new McpSchema.CallToolRequest("crm.get_customer", Map.of("id", 3)));
        }

        SpanData call = SPANS.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("execute_tool crm.get_customer") && s.getTraceId().equals(TRACE_ID))
                .findFirst().orElseThrow();
        assertThat(call.getParentSpanId()).isEqualTo(PARENT);
        assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("execute_tool");
        assertThat(call.getAttributes().get(AttributeKey.stringKey("bulwark.decision"))).isEqualTo("allowed");
        assertThat(call.getAttributes().get(AttributeKey.stringKey("bulwark.agent.id"))).isEqualTo("support-bot");
        List<SpanData> children = SPANS.getFinishedSpanItems().stream()
                .filter(s -> s.getParentSpanId().equals(call.getSpanId())).toList();
        assertThat(children).extracting(SpanData::getName).containsExactly("audit");
        assertThat(SPANS.getFinishedSpanItems()).filteredOn(s -> s.getTraceId().equals(TRACE_ID))
                .extracting(SpanData::getName).contains("decide", "execute", "screen_output");
    }

    @Test
    void manyHostileToolNamesDoNotGrowTheMetrics() throws Exception {
        try (McpSyncClient client = client(Map.of())) {
            for (int i = 0; i < 300; i++) {
                String name = i % 3 == 0 ? "evil.tool_" + i : i % 3 == 1 ? "x".repeat(2_000) + i
                        : "crm.\"} 1\nfake_" + i + "{a=\"";
                assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest(name, Map.of())))
                        .isNotNull();
            }
        }
        String text = metrics();

        assertThat(text).doesNotContain("evil.tool_").doesNotContain("fake_").doesNotContain("xxxxxxxx");
        long tools = Pattern.compile("tool=\"([^\"]*)\"").matcher(text).results().map(m -> m.group(1)).distinct()
                .count();
        assertThat(tools).isLessThanOrEqualTo(gateway.tools().all().size() + 2);
    }

    @Test
    void metricsNeedTheAdminToken() throws Exception {
        long refusalsBefore = refusedScrapes();

        RawHttp.Answer none = scrape(gateway.localUrl(), Map.of());
        RawHttp.Answer wrong = scrape(gateway.localUrl(), Map.of("Authorization", "Bearer " + supportToken));

        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.body()).doesNotContain("bulwark_tool_calls_total");
        assertThat(refusedScrapes() - refusalsBefore).isEqualTo(2);
        assertThat(scrape(gateway.localUrl(), Map.of("Authorization", "Bearer " + adminToken)).body())
                .contains("# TYPE bulwark_approvals_pending gauge");
    }

    private static long refusedScrapes() {
        return gateway.auditLog().tail(500).stream()
                .filter(r -> r.event().type() == AuditEventType.ADMIN
                        && r.event().action().equals("metrics.authenticate"))
                .count();
    }
}
