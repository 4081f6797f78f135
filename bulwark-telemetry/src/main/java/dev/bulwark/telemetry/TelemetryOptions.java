package dev.bulwark.telemetry;

import java.nio.file.Path;

/**
 * What telemetry does.
 *
 * @param metrics         whether metrics are kept (for {@code /metrics})
 * @param maxToolLabels   distinct tool names metrics carry as labels; the rest are counted as {@code other}
 * @param maxPolicyLabels distinct policy ids metrics carry as labels; the rest are counted as {@code other}
 * @param tracing         whether spans are created; off, the pipeline creates none
 * @param otlpEndpoint    the OTLP/HTTP traces endpoint (e.g. {@code http://collector:4318/v1/traces}); {@code null}
 *                        with tracing on keeps spans in process only (useful with a test processor)
 * @param serviceName     {@code service.name} of the spans
 * @param jsonLog         whether one JSON line per call is logged
 * @param jsonLogFile     where JSON lines go; {@code null} is standard output
 */
public record TelemetryOptions(boolean metrics, int maxToolLabels, int maxPolicyLabels, boolean tracing,
                               String otlpEndpoint, String serviceName, boolean jsonLog, Path jsonLogFile) {
    public static final int MAX_LABEL_VALUES = 10_000;

    public TelemetryOptions {
        if (maxToolLabels < 1 || maxToolLabels > MAX_LABEL_VALUES) {
            throw new IllegalArgumentException("maxToolLabels must be between 1 and " + MAX_LABEL_VALUES);
        }
        if (maxPolicyLabels < 1 || maxPolicyLabels > MAX_LABEL_VALUES) {
            throw new IllegalArgumentException("maxPolicyLabels must be between 1 and " + MAX_LABEL_VALUES);
        }
        serviceName = serviceName == null || serviceName.isBlank() ? "bulwark" : serviceName;
        if (otlpEndpoint != null && !otlpEndpoint.matches("https?://\\S+")) {
            throw new IllegalArgumentException("otlpEndpoint must be an http(s) URL");
        }
    }

    /** Metrics on (200 tools, 100 policies), tracing and JSON logs off: the gateway's defaults. */
    public static TelemetryOptions defaults() {
        return new TelemetryOptions(true, 200, 100, false, null, null, false, null);
    }

    /** Everything off. */
    public static TelemetryOptions off() {
        return new TelemetryOptions(false, 200, 100, false, null, null, false, null);
    }

    public TelemetryOptions withTracing(boolean on) {
        return new TelemetryOptions(metrics, maxToolLabels, maxPolicyLabels, on, otlpEndpoint, serviceName, jsonLog,
                jsonLogFile);
    }

    public TelemetryOptions withMetrics(boolean on) {
        return new TelemetryOptions(on, maxToolLabels, maxPolicyLabels, tracing, otlpEndpoint, serviceName, jsonLog,
                jsonLogFile);
    }

    public TelemetryOptions withJsonLog(boolean on, Path file) {
        return new TelemetryOptions(metrics, maxToolLabels, maxPolicyLabels, tracing, otlpEndpoint, serviceName, on,
                file);
    }

    public boolean anything() {
        return metrics || tracing || jsonLog;
    }
}
