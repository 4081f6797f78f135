package dev.bulwark.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Spans of tool calls, after the OpenTelemetry GenAI semantic conventions for tool execution: one
 * {@code execute_tool <tool>} span per call (child of the agent's {@code traceparent} when it sent a valid one) with
 * a child span per pipeline step. Every call is recorded whatever the sampled flag of the agent's trace context says:
 * an agent must not be able to keep its calls out of the traces.
 */
final class CallTracing implements AutoCloseable {
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
    static final AttributeKey<String> TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");
    static final AttributeKey<String> MCP_METHOD = AttributeKey.stringKey("mcp.method.name");
    static final AttributeKey<String> MCP_SESSION = AttributeKey.stringKey("mcp.session.id");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> DECISION = AttributeKey.stringKey("bulwark.decision");
    static final AttributeKey<List<String>> POLICY_IDS = AttributeKey.stringArrayKey("bulwark.policy.ids");
    static final AttributeKey<String> AGENT = AttributeKey.stringKey("bulwark.agent.id");
    static final AttributeKey<String> USER = AttributeKey.stringKey("bulwark.user.id");
    static final AttributeKey<String> STEP = AttributeKey.stringKey("bulwark.step");
    static final int MAX_POLICY_IDS = 20;

    private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private CallTracing(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider.get("dev.bulwark.telemetry");
    }

    /** Spans go to {@code processor}; {@code null} builds a batch processor exporting to {@code otlpEndpoint}. */
    static CallTracing open(String serviceName, String otlpEndpoint, SpanProcessor processor) {
        SpanProcessor spans = processor != null ? processor : otlpEndpoint == null ? SpanProcessor.composite()
                : BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(otlpEndpoint).build()).build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), serviceName))))
                .setSampler(Sampler.alwaysOn())
                .addSpanProcessor(spans)
                .build();
        return new CallTracing(provider);
    }

    /** The remote parent the agent named, or the root context when it named none or a malformed one. */
    static Context parent(Map<String, String> traceHeaders) {
        if (traceHeaders.isEmpty()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceHeaders, HEADERS);
    }

    /** The agent's trace context as a span context (invalid when it sent none). */
    static SpanContext remote(Map<String, String> traceHeaders) {
        return Span.fromContext(parent(traceHeaders)).getSpanContext();
    }

    Span startCall(Context parent, String callId, String sessionId) {
        return tracer.spanBuilder("execute_tool")
                .setParent(parent)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(OPERATION, "execute_tool")
                .setAttribute(TOOL_CALL_ID, callId)
                .setAttribute(MCP_METHOD, "tools/call")
                .setAttribute(MCP_SESSION, sessionId)
                .startSpan();
    }

    Span startStep(Span parent, String step) {
        return tracer.spanBuilder(step)
                .setParent(Context.root().with(parent))
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(STEP, step)
                .startSpan();
    }

    /** Names the tool, states the decision and ends the call's span; never an argument value or output. */
    static void endCall(Span span, String tool, String effect, List<String> policyIds, String agentId,
                        String userId) {
        span.updateName("execute_tool " + tool);
        span.setAttribute(TOOL_NAME, tool);
        span.setAttribute(TOOL_TYPE, "extension");
        span.setAttribute(DECISION, effect);
        if (!policyIds.isEmpty()) {
            span.setAttribute(POLICY_IDS, policyIds.size() <= MAX_POLICY_IDS ? policyIds
                    : policyIds.subList(0, MAX_POLICY_IDS));
        }
        if (agentId != null) {
            span.setAttribute(AGENT, agentId);
        }
        if (userId != null) {
            span.setAttribute(USER, userId);
        }
        if (!effect.equals("allowed")) {
            span.setAttribute(ERROR_TYPE, effect);
            span.setStatus(StatusCode.ERROR, effect);
        }
        span.end();
    }

    @Override
    public void close() {
        provider.shutdown().join(5, TimeUnit.SECONDS);
    }
}
