package dev.bulwark.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TelemetrySettingsTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void defaultsServeMetricsBehindTheAdminTokenOnTheGatewayPortWithTracingAndJsonLogsOff() {
        TelemetrySettings t = loader.parse("", "b.yaml").telemetry();

        assertThat(t.metrics().enabled()).isTrue();
        assertThat(t.metrics().open()).isFalse();
        assertThat(t.metrics().port()).isNull();
        assertThat(t.tracing().enabled()).isFalse();
        assertThat(t.logs().json()).isFalse();
        var options = t.options(Path.of("/data"));
        assertThat(options.tracing()).isFalse();
        assertThat(options.maxToolLabels()).isEqualTo(200);
    }

    @Test
    void readsEverySetting() {
        TelemetrySettings t = loader.parse("""
                telemetry:
                  metrics:
                    access: open
                    port: 9464
                    host: 0.0.0.0
                    maxToolLabels: 50
                    maxPolicyLabels: 20
                  tracing:
                    enabled: true
                    otlpEndpoint: http://collector:4318/v1/traces
                    serviceName: bulwark-eu
                  logs:
                    json: true
                    file: logs/calls.jsonl
                """, "b.yaml").telemetry();

        assertThat(t.metrics().open()).isTrue();
        assertThat(t.metrics().port()).isEqualTo(9464);
        var options = t.options(Path.of("/data"));
        assertThat(options.maxToolLabels()).isEqualTo(50);
        assertThat(options.otlpEndpoint()).isEqualTo("http://collector:4318/v1/traces");
        assertThat(options.serviceName()).isEqualTo("bulwark-eu");
        assertThat(options.jsonLogFile()).isEqualTo(Path.of("/data/logs/calls.jsonl"));
    }

    @Test
    void applicationLogsAreTextByDefaultOrJsonAndNothingElse() {
        assertThat(loader.parse("", "b.yaml").telemetry().logs().format()).isEqualTo("text");
        assertThat(loader.parse("""
                telemetry:
                  logs:
                    format: json
                """, "b.yaml").telemetry().logs().format()).isEqualTo("json");
        assertThatThrownBy(() -> loader.parse("""
                telemetry:
                  logs:
                    format: xml
                """, "b.yaml")).hasMessageContaining("text or json");
    }

    @Test
    void refusesOpenMetricsOnTheGatewaysOwnPort() {
        assertThatThrownBy(() -> loader.parse("""
                telemetry:
                  metrics:
                    access: open
                """, "b.yaml")).hasMessageContaining("open needs telemetry.metrics.port");
    }

    @Test
    void refusesTracingWithoutAnEndpointAndUnknownAccessModes() {
        assertThatThrownBy(() -> loader.parse("telemetry:\n  tracing:\n    enabled: true\n", "b.yaml"))
                .hasMessageContaining("otlpEndpoint is required");
        assertThatThrownBy(() -> loader.parse("telemetry:\n  metrics:\n    access: everyone\n", "b.yaml"))
                .hasMessageContaining("token or open");
        assertThatThrownBy(() -> loader.parse("telemetry:\n  metrics:\n    maxToolLabels: 0\n", "b.yaml")
                .telemetry().options(Path.of("/d"))).hasMessageContaining("maxToolLabels");
        assertThatThrownBy(() -> loader.parse("""
                telemetry:
                  tracing:
                    enabled: true
                    otlpEndpoint: "file:///etc/passwd"
                """, "b.yaml").telemetry().options(Path.of("/d"))).hasMessageContaining("http(s) URL");
    }
}
