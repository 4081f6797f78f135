package dev.bulwark.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.engine.pipeline.CallOutcome;
import dev.bulwark.engine.pipeline.CallPipeline;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallTracingTest {
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String PARENT_SPAN = "b7ad6b7169203331";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final Telemetry telemetry = Telemetry.create(TelemetryOptions.defaults().withTracing(true),
            SimpleSpanProcessor.create(exporter), null);
    private final CallPipeline pipeline = TestPipelines.pipeline(telemetry.observer(TestPipelines.SECRET_REDACTOR),
            List.of());

    private SpanData callSpan() {
        return exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getName().startsWith("execute_tool")).findFirst().orElseThrow();
    }

    @Test
    void theAgentsTraceparentBecomesTheParentOfTheToolCallSpan() {
        CallOutcome outcome = pipeline.handle(TestPipelines.request("crm.find",
                Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_SPAN + "-01")));

        SpanData call = callSpan();
        assertThat(call.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(call.getParentSpanId()).isEqualTo(PARENT_SPAN);
        assertThat(call.getName()).isEqualTo("execute_tool crm.find");
        assertThat(call.getAttributes().asMap()).containsEntry(CallTracing.OPERATION, "execute_tool")
                .containsEntry(CallTracing.TOOL_NAME, "crm.find")
                .containsEntry(CallTracing.TOOL_CALL_ID, outcome.callId())
                .containsEntry(CallTracing.MCP_SESSION, "session-7")
                .containsEntry(CallTracing.DECISION, "allowed")
                .containsEntry(CallTracing.POLICY_IDS, List.of("permit-crm"))
                .containsEntry(CallTracing.AGENT, "agent-1");
    }

    @Test
    void stepSpansNestAsTheStepsDoUnderTheCallSpan() {
        pipeline.handle(TestPipelines.request("crm.find", Map.of()));

        SpanData call = callSpan();
        assertThat(call.getParentSpanId()).isEqualTo(SpanId.getInvalid());
        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData audit = spans.stream().filter(s -> s.getName().equals("audit")).findFirst().orElseThrow();
        SpanData screen = spans.stream().filter(s -> s.getName().equals("screen_output")).findFirst().orElseThrow();
        assertThat(audit.getParentSpanId()).isEqualTo(call.getSpanId());
        assertThat(screen.getTraceId()).isEqualTo(call.getTraceId());
        assertThat(spans).hasSize(4); // call, audit, the fake step, screen output
    }

    @Test
    void noSpanHoldsAnArgumentValueOrARefusalMessage() {
        pipeline.handle(TestPipelines.request("crm.forbidden", Map.of()));

        SpanData call = callSpan();
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(call.getAttributes().asMap()).containsEntry(CallTracing.DECISION, "denied")
                .containsEntry(CallTracing.POLICY_IDS, List.of("forbid-all"));
        assertThat(exporter.getFinishedSpanItems().toString()).doesNotContain("hunter2").doesNotContain("secret value");
    }

    @Test
    void aMalformedTraceparentStartsANewTrace() {
        pipeline.handle(TestPipelines.request("crm.find", Map.of("traceparent", "00-" + "0".repeat(32) + "-"
                + PARENT_SPAN + "-01")));
        pipeline.handle(TestPipelines.request("crm.find", Map.of("traceparent", "garbage\n{}")));

        assertThat(exporter.getFinishedSpanItems()).filteredOn(s -> s.getName().startsWith("execute_tool"))
                .hasSize(2).allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(SpanId.getInvalid()));
    }

    @Test
    void anUnsampledParentCannotKeepACallOutOfTheTraces() {
        pipeline.handle(TestPipelines.request("crm.find",
                Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_SPAN + "-00")));

        assertThat(callSpan().getTraceId()).isEqualTo(TRACE_ID);
    }

    @Test
    void withTracingOffNoSpanIsEverStarted() {
        AtomicInteger started = new AtomicInteger();
        SpanProcessor counting = new SpanProcessor() {
            @Override
            public void onStart(Context parentContext, ReadWriteSpan span) {
                started.incrementAndGet();
            }

            @Override
            public boolean isStartRequired() {
                return true;
            }

            @Override
            public void onEnd(ReadableSpan span) {
            }

            @Override
            public boolean isEndRequired() {
                return false;
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        Telemetry metricsOnly = Telemetry.create(TelemetryOptions.defaults(), counting, null);
        CallPipeline observed = TestPipelines.pipeline(metricsOnly.observer(TestPipelines.SECRET_REDACTOR), List.of());

        for (int i = 0; i < 10; i++) {
            observed.handle(TestPipelines.request("crm.find",
                    Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_SPAN + "-01")));
        }

        assertThat(metricsOnly.tracingOn()).isFalse();
        assertThat(started).hasValue(0);
        assertThat(metricsOnly.scrape().orElseThrow()).contains("bulwark_tool_calls_total");
    }

    /** A guard that notes the logging context's trace id while the call runs. */
    private static final class TraceIdWitness implements dev.bulwark.spi.guard.OutputGuard {
        final List<String> seen = new java.util.ArrayList<>();

        @Override
        public String name() {
            return "witness";
        }

        @Override
        public dev.bulwark.spi.guard.Screening screen(dev.bulwark.spi.tool.ToolCall call,
                                                       dev.bulwark.spi.tool.ToolResult result) {
            seen.add(org.slf4j.MDC.get(Telemetry.LOG_TRACE_ID));
            return new dev.bulwark.spi.guard.Screening.Pass();
        }
    }

    @Test
    void linesLoggedDuringACallWithoutATraceContextCarryTheCallSpansTraceId() {
        TraceIdWitness witness = new TraceIdWitness();
        CallPipeline watched = TestPipelines.pipeline(telemetry.observer(TestPipelines.SECRET_REDACTOR),
                List.of(witness));
        org.slf4j.MDC.remove(Telemetry.LOG_TRACE_ID);

        watched.handle(TestPipelines.request("crm.find", Map.of()));

        assertThat(witness.seen).containsExactly(callSpan().getTraceId());
        assertThat(org.slf4j.MDC.get(Telemetry.LOG_TRACE_ID)).as("removed when the call ends").isNull();
    }

    @Test
    void aTraceIdAlreadyInTheLoggingContextIsKept() {
        TraceIdWitness witness = new TraceIdWitness();
        CallPipeline watched = TestPipelines.pipeline(telemetry.observer(TestPipelines.SECRET_REDACTOR),
                List.of(witness));
        org.slf4j.MDC.put(Telemetry.LOG_TRACE_ID, TRACE_ID);
        try {
            watched.handle(TestPipelines.request("crm.find",
                    Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_SPAN + "-01")));
            assertThat(witness.seen).containsExactly(TRACE_ID);
            assertThat(org.slf4j.MDC.get(Telemetry.LOG_TRACE_ID)).isEqualTo(TRACE_ID);
        } finally {
            org.slf4j.MDC.remove(Telemetry.LOG_TRACE_ID);
        }
    }
}
