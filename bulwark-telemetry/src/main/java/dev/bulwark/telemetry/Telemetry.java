package dev.bulwark.telemetry;

import dev.bulwark.engine.pipeline.CallContext;
import dev.bulwark.engine.pipeline.CallObservation;
import dev.bulwark.engine.pipeline.CallObserver;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.approval.ApprovalStore;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.guard.Redactor;
import dev.bulwark.spi.telemetry.AnomalyMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.io.PrintStream;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.MDC;

/**
 * The gateway's telemetry: metrics, traces and JSON call logs as configured. {@link #observer} is what the pipeline
 * reports to; with everything off it is {@link CallObserver#NONE}, so the pipeline makes no callbacks at all, and with
 * tracing off no span is ever created.
 */
public final class Telemetry implements AutoCloseable {
    private final TelemetryOptions options;
    private final CallMetrics metrics;
    private final CallTracing tracing;
    private final CallLog log;

    /** The logging context (MDC) key of the trace id that lines logged during a call carry. */
    public static final String LOG_TRACE_ID = "traceId";

    private Telemetry(TelemetryOptions options, CallMetrics metrics, CallTracing tracing, CallLog log) {
        this.options = options;
        this.metrics = metrics;
        this.tracing = tracing;
        this.log = log;
    }

    /** Telemetry as configured; spans go to the configured OTLP endpoint. */
    public static Telemetry open(TelemetryOptions options) {
        return create(options, null, null);
    }

    /** Nothing at all. */
    public static Telemetry off() {
        return open(TelemetryOptions.off());
    }

    /**
     * For tests and benchmarks: spans (when tracing is on) go to {@code spans} instead of the OTLP exporter, and JSON
     * lines (when on) to {@code logLines} when given.
     */
    public static Telemetry create(TelemetryOptions options, SpanProcessor spans, PrintStream logLines) {
        Checks.present(options, "options");
        CallMetrics metrics = options.metrics()
                ? new CallMetrics(options.maxToolLabels(), options.maxPolicyLabels()) : null;
        CallTracing tracing = options.tracing()
                ? CallTracing.open(options.serviceName(), options.otlpEndpoint(), spans) : null;
        CallLog log = !options.jsonLog() ? null
                : logLines != null ? CallLog.to(logLines) : CallLog.open(options.jsonLogFile());
        return new Telemetry(options, metrics, tracing, log);
    }

    public TelemetryOptions options() {
        return options;
    }

    /**
     * What the pipeline reports to. {@code redactor} (the audit redactor) cleans the one free text of the JSON log
     * lines, the refusal message.
     */
    public CallObserver observer(Redactor redactor) {
        Checks.present(redactor, "redactor");
        if (metrics == null && tracing == null && log == null) {
            return CallObserver.NONE;
        }
        return call -> begin(call, redactor);
    }

    private CallObservation begin(CallContext call, Redactor redactor) {
        Span span = null;
        SpanContext remote = null;
        boolean adopted = false;
        if (tracing != null) {
            Context parent = CallTracing.parent(call.request().traceContext());
            span = tracing.startCall(parent, call.callId(), call.request().sessionId());
            // a call the agent sent without a trace context still has one now: lines logged during it carry it
            if (MDC.get(LOG_TRACE_ID) == null && span.getSpanContext().isValid()) {
                MDC.put(LOG_TRACE_ID, span.getSpanContext().getTraceId());
                adopted = true;
            }
        } else if (log != null) {
            remote = CallTracing.remote(call.request().traceContext());
        }
        return new Observation(metrics, tracing, log, redactor, call.startNanos(), span, remote, adopted);
    }

    /** Whether {@code /metrics} has anything to serve. */
    public boolean metricsOn() {
        return metrics != null;
    }

    /** Whether spans are created. */
    public boolean tracingOn() {
        return tracing != null;
    }

    /** The Prometheus text exposition; empty when metrics are off. */
    public Optional<String> scrape() {
        return metrics == null ? Optional.empty() : Optional.of(metrics.scrape());
    }

    /** The content type of {@link #scrape()}. */
    public static String scrapeContentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    /** Where anomaly detectors count what they detect. */
    public AnomalyMetrics anomalies() {
        return metrics == null ? AnomalyMetrics.NONE : metrics;
    }

    /** {@code log}, timing each append ({@code bulwark_audit_append_duration_seconds}) when metrics are on. */
    public AuditLog timed(AuditLog log) {
        Checks.present(log, "log");
        return metrics == null ? log : new TimedAuditLog(log, metrics);
    }

    /** {@code store}, counting approvals opened and decided when metrics are on. */
    public ApprovalStore counted(ApprovalStore store) {
        Checks.present(store, "store");
        return metrics == null ? store : new CountedApprovalStore(store, metrics);
    }

    /** Reports the audit writer's queue depth at each scrape. */
    public void auditQueueDepth(LongSupplier depth) {
        if (metrics != null) {
            metrics.gauge("bulwark.audit.queue.depth", "Audit appends waiting for the writer", depth,
                    Telemetry::safely);
        }
    }

    /** Reports the approval requests pending at each scrape (read from the shared store: every replica's). */
    public void approvalsPending(LongSupplier pending) {
        if (metrics != null) {
            metrics.gauge("bulwark.approvals.pending", "Approval requests waiting for a human", pending,
                    Telemetry::safely);
        }
    }

    private static double safely(LongSupplier supplier) {
        try {
            return supplier.getAsLong();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Flushes and stops span export; closes the log file. */
    @Override
    public void close() {
        if (tracing != null) {
            tracing.close();
        }
        if (log != null) {
            log.close();
        }
    }
}
