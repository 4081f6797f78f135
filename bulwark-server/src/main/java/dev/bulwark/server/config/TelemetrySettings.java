package dev.bulwark.server.config;

import dev.bulwark.telemetry.TelemetryOptions;
import java.nio.file.Path;

/**
 * Metrics, traces and JSON call logs (docs/security/telemetry.md).
 *
 * @param metrics Prometheus metrics at {@code /metrics}
 * @param tracing OpenTelemetry spans, exported over OTLP/HTTP
 * @param logs    one JSON line per tool call
 */
public record TelemetrySettings(Metrics metrics, Tracing tracing, Logs logs) {
    public TelemetrySettings {
        metrics = metrics == null ? new Metrics(null, null, null, null, null, null) : metrics;
        tracing = tracing == null ? new Tracing(null, null, null) : tracing;
        logs = logs == null ? new Logs(null, null) : logs;
    }

    public static TelemetrySettings defaults() {
        return new TelemetrySettings(null, null, null);
    }

    /**
     * @param enabled         keep metrics and serve {@code /metrics} (default true)
     * @param access          {@code token} (default): a scrape must send the admin token as a bearer token;
     *                        {@code open}: no credential, allowed only on a separate {@code port}
     * @param port            serve {@code /metrics} on this port of {@code host} instead of the gateway's port
     *                        (and nowhere else); {@code null} (default) serves it on the gateway's port
     * @param host            the address of that separate listener (default {@code 127.0.0.1})
     * @param maxToolLabels   distinct tool names kept as labels, the rest count as {@code other} (default 200)
     * @param maxPolicyLabels distinct policy ids kept as labels, the rest count as {@code other} (default 100)
     */
    public record Metrics(Boolean enabled, String access, Integer port, String host, Integer maxToolLabels,
                          Integer maxPolicyLabels) {
        public Metrics {
            enabled = enabled == null || enabled;
            access = access == null || access.isBlank() ? "token" : access;
            if (!access.equals("token") && !access.equals("open")) {
                throw new IllegalArgumentException("telemetry.metrics.access must be token or open");
            }
            if (port != null && (port < 0 || port > 65_535)) {
                throw new IllegalArgumentException("telemetry.metrics.port must be between 0 and 65535");
            }
            if (access.equals("open") && port == null) {
                throw new IllegalArgumentException("telemetry.metrics.access: open needs telemetry.metrics.port (a "
                        + "separate listener), so that tool names are never served unauthenticated on the gateway's "
                        + "own port");
            }
            host = host == null || host.isBlank() ? "127.0.0.1" : host;
            maxToolLabels = maxToolLabels == null ? 200 : maxToolLabels;
            maxPolicyLabels = maxPolicyLabels == null ? 100 : maxPolicyLabels;
            if (maxToolLabels < 1 || maxToolLabels > TelemetryOptions.MAX_LABEL_VALUES
                    || maxPolicyLabels < 1 || maxPolicyLabels > TelemetryOptions.MAX_LABEL_VALUES) {
                throw new IllegalArgumentException("telemetry.metrics.maxToolLabels and maxPolicyLabels must be "
                        + "between 1 and " + TelemetryOptions.MAX_LABEL_VALUES);
            }
        }

        public boolean open() {
            return access.equals("open");
        }
    }

    /**
     * @param enabled      create spans (default false: no span is created at all)
     * @param otlpEndpoint the OTLP/HTTP traces endpoint, e.g. {@code http://collector:4318/v1/traces}; required when
     *                     enabled
     * @param serviceName  {@code service.name} (default {@code bulwark})
     */
    public record Tracing(Boolean enabled, String otlpEndpoint, String serviceName) {
        public Tracing {
            enabled = enabled != null && enabled;
            if (enabled && (otlpEndpoint == null || otlpEndpoint.isBlank())) {
                throw new IllegalArgumentException("telemetry.tracing.otlpEndpoint is required when tracing is enabled");
            }
            if (otlpEndpoint != null && !otlpEndpoint.matches("https?://\\S+")) {
                throw new IllegalArgumentException("telemetry.tracing.otlpEndpoint must be an http(s) URL");
            }
        }
    }

    /**
     * @param json   write one JSON line per tool call (default false)
     * @param file   where the lines go, relative to the data directory when not absolute; {@code null} is standard
     *               output
     * @param format the application logs: {@code text} (default) or {@code json}: one JSON line per event on
     *               standard error, with session and trace ids, redacted like audit records
     */
    public record Logs(Boolean json, String file, String format) {
        public Logs {
            json = json != null && json;
            format = dev.bulwark.server.logging.LogFormat.parse(format).name().toLowerCase(java.util.Locale.ROOT);
        }

        public Logs(Boolean json, String file) {
            this(json, file, null);
        }
    }

    /** The options of the telemetry module; relative log files resolve against {@code dataDir}. */
    public TelemetryOptions options(Path dataDir) {
        Path logFile = logs.file() == null || logs.file().isBlank() ? null : dataDir.resolve(logs.file());
        try {
            return new TelemetryOptions(metrics.enabled(), metrics.maxToolLabels(), metrics.maxPolicyLabels(),
                    tracing.enabled(), tracing.otlpEndpoint(), tracing.serviceName(), logs.json(), logFile);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("telemetry: " + e.getMessage(), e);
        }
    }
}
