package dev.bulwark.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallLogTest {
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();

    private List<JsonNode> logged() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : lines.toString(StandardCharsets.UTF_8).split("\n")) {
            out.add(json.readTree(line));
        }
        return out;
    }

    @Test
    void logsOneJsonLinePerCallWithSessionAndTraceIdsAndNoArgumentValues() throws Exception {
        Telemetry telemetry = Telemetry.create(TelemetryOptions.off().withJsonLog(true, null), null,
                new PrintStream(lines, true, StandardCharsets.UTF_8));
        var pipeline = TestPipelines.pipeline(telemetry.observer(TestPipelines.SECRET_REDACTOR), List.of());

        pipeline.handle(TestPipelines.request("crm.find", Map.of("traceparent", TRACEPARENT)));
        pipeline.handle(TestPipelines.request("crm.forbidden", Map.of()));

        List<JsonNode> logged = logged();
        assertThat(logged).hasSize(2);
        assertThat(logged.get(0).get("sessionId").asText()).isEqualTo("session-7");
        assertThat(logged.get(0).get("traceId").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(logged.get(0).get("effect").asText()).isEqualTo("allowed");
        assertThat(logged.get(0).get("tool").asText()).isEqualTo("crm.find");
        assertThat(logged.get(1).get("effect").asText()).isEqualTo("denied");
        assertThat(logged.get(1).has("traceId")).isFalse();
        // the refusal message quotes the arguments: it is logged only after the audit redactor
        assertThat(logged.get(1).get("error").asText()).contains("[redacted]");
        assertThat(lines.toString(StandardCharsets.UTF_8)).doesNotContain("hunter2");
    }

    @Test
    void withTracingOnTheLineCarriesTheCallSpansIds() throws Exception {
        Telemetry telemetry = Telemetry.create(TelemetryOptions.off().withTracing(true).withJsonLog(true, null),
                io.opentelemetry.sdk.trace.export.SimpleSpanProcessor.create(
                        io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter.create()),
                new PrintStream(lines, true, StandardCharsets.UTF_8));
        var pipeline = TestPipelines.pipeline(telemetry.observer(TestPipelines.SECRET_REDACTOR), List.of());

        pipeline.handle(TestPipelines.request("crm.find", Map.of("traceparent", TRACEPARENT)));

        JsonNode line = logged().get(0);
        assertThat(line.get("traceId").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(line.get("spanId").asText()).hasSize(16).isNotEqualTo("b7ad6b7169203331");
    }
}
