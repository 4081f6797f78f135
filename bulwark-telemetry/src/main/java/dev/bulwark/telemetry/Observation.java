package dev.bulwark.telemetry;

import dev.bulwark.engine.pipeline.CallObservation;
import dev.bulwark.engine.pipeline.CallStep;
import dev.bulwark.engine.pipeline.Conclusion;
import dev.bulwark.spi.guard.Redactor;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.identity.Principal;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.MDC;

/**
 * Watches one call on its thread: times each step (its own time, without the steps it wraps), keeps the step spans
 * nested as the steps are, and at the end counts the call, ends its span and writes its log line.
 */
final class Observation implements CallObservation {
    private final CallMetrics metrics;
    private final CallTracing tracing;
    private final CallLog log;
    private final Redactor redactor;
    private final long startNanos;
    private final Span callSpan;
    private final SpanContext remote;
    private final boolean adoptedTraceId;
    private long[] started = new long[16];
    private long[] inner = new long[16];
    private Span[] spans;
    private int depth = -1;
    private Set<String> findings;

    Observation(CallMetrics metrics, CallTracing tracing, CallLog log, Redactor redactor, long startNanos,
                Span callSpan, SpanContext remote, boolean adoptedTraceId) {
        this.metrics = metrics;
        this.tracing = tracing;
        this.log = log;
        this.redactor = redactor;
        this.startNanos = startNanos;
        this.callSpan = callSpan;
        this.remote = remote;
        this.adoptedTraceId = adoptedTraceId;
        this.spans = callSpan == null ? null : new Span[16];
    }

    @Override
    public void stepStarted(CallStep step) {
        depth++;
        if (depth == started.length) {
            started = Arrays.copyOf(started, depth * 2);
            inner = Arrays.copyOf(inner, depth * 2);
            if (spans != null) {
                spans = Arrays.copyOf(spans, depth * 2);
            }
        }
        inner[depth] = 0;
        if (spans != null) {
            spans[depth] = tracing.startStep(depth == 0 ? callSpan : spans[depth - 1], CallFacts.step(step));
        }
        started[depth] = System.nanoTime();
    }

    @Override
    public void stepEnded(CallStep step, Conclusion conclusion) {
        if (depth < 0) {
            return;
        }
        long total = System.nanoTime() - started[depth];
        if (metrics != null) {
            metrics.step(step, Math.max(0, total - inner[depth]));
        }
        if (spans != null) {
            spans[depth].end();
            spans[depth] = null;
        }
        depth--;
        if (depth >= 0) {
            inner[depth] += total;
        }
    }

    @Override
    public void screened(String guard, Screening verdict) {
        if (metrics != null) {
            metrics.screened(guard, verdict);
        }
        if (log != null) {
            Set<String> labels = switch (verdict) {
                case Screening.Pass pass -> Set.of();
                case Screening.Rewrite rewrite -> rewrite.labels();
                case Screening.Block block -> block.labels();
            };
            if (!labels.isEmpty()) {
                findings = findings == null ? new LinkedHashSet<>() : findings;
                labels.forEach(l -> findings.add(BoundedLabels.wellFormed(l) ? l : BoundedLabels.OTHER));
            }
        }
    }

    @Override
    public void ended(Conclusion conclusion) {
        long nanos = System.nanoTime() - startNanos;
        String tool = CallFacts.tool(conclusion);
        String effect = CallFacts.effect(conclusion);
        if (metrics != null) {
            metrics.call(tool, effect, CallFacts.determiningPolicy(conclusion), nanos);
        }
        if (callSpan != null) {
            while (depth >= 0) { // a step that never ended (cannot happen with the pipeline's callbacks)
                spans[depth--].end();
            }
            Principal principal = conclusion.call().principal().orElse(null);
            CallTracing.endCall(callSpan, tool, effect, CallFacts.policyIds(conclusion),
                    principal == null ? null : principal.agent().id(),
                    principal == null ? null : principal.userIdOrNull());
        }
        if (log != null) {
            SpanContext ids = callSpan != null ? callSpan.getSpanContext() : remote;
            boolean valid = ids != null && ids.isValid();
            log.write(conclusion, redactor, valid ? ids.getTraceId() : null,
                    valid && callSpan != null ? ids.getSpanId() : null, nanos,
                    findings == null ? Set.of() : findings);
        }
        if (adoptedTraceId) {
            MDC.remove(Telemetry.LOG_TRACE_ID);
        }
    }
}
