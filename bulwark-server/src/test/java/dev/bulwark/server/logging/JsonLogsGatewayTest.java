package dev.bulwark.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.TelemetrySettings;
import dev.bulwark.server.gateway.Gateway;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A gateway configured with {@code telemetry.logs.format: json} turns every application log line into redacted JSON. */
class JsonLogsGatewayTest {
    private static final String TOKEN = "ghp_" + "Zq8vR2kLm4Xn7Pw1Ty5Bc9Hd3Jf6Gs0Ae2Ku";

    @TempDir
    Path data;

    @Test
    void withJsonConfiguredEveryLoggerWritesRedactedJsonLinesWithTheCallsIds() throws Exception {
        TelemetrySettings telemetry = new TelemetrySettings(null, null, new TelemetrySettings.Logs(null, null, "json"));
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Gateway gateway = Gateway.start(BulwarkConfig.defaults().withDataDir(data.toString()).withPort(0)
                .withTelemetry(telemetry))) {
            try (var ids = LogContext.open("mcp-session-7", Map.of("traceparent",
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))) {
                LoggerFactory.getLogger("some.library").warn("connect failed with Authorization: Bearer {}", TOKEN);
            }
        } finally {
            System.setErr(original);
            restoreTextLogs();
        }
        String err = captured.toString(StandardCharsets.UTF_8);
        assertThat(err).doesNotContain(TOKEN);
        JsonNode line = null;
        for (String text : err.split("\n")) {
            JsonNode node = new ObjectMapper().readTree(text); // every line written after start is JSON
            if ("some.library".equals(node.path("logger").asText())) {
                line = node;
            }
        }
        assertThat(line).isNotNull();
        assertThat(line.get("sessionId").asText()).isEqualTo("mcp-session-7");
        assertThat(line.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line.get("message").asText()).startsWith("connect failed with");
    }

    /** Puts back the logback.xml configuration for the tests that run after this one in the same JVM. */
    private static void restoreTextLogs() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }
}
