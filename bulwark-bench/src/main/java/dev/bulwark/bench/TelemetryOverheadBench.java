package dev.bulwark.bench;

import dev.bulwark.engine.pipeline.CallPipeline;
import dev.bulwark.engine.pipeline.CallRequest;
import dev.bulwark.engine.pipeline.StandardPipeline;
import dev.bulwark.engine.redaction.KeyPatternRedactor;
import dev.bulwark.engine.session.InMemorySessionStore;
import dev.bulwark.engine.tools.ToolRegistry;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.policy.PolicyEngine;
import dev.bulwark.spi.tool.Connector;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import dev.bulwark.telemetry.Telemetry;
import dev.bulwark.telemetry.TelemetryOptions;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cost of telemetry on the call pipeline: the standard pipeline (audit to an in-memory log, the key-pattern
 * redactor, JSON Schema validation, in-memory sessions, flow, a policy that allows, an echo connector, no guards)
 * with telemetry {@code off} (the baseline: {@code CallObserver.NONE}), {@code metrics} only, and
 * {@code metrics+traces} (spans through a batch processor to an exporter that drops them, so the SDK's full span work
 * is measured but no network).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TelemetryOverheadBench {
    @Param({"off", "metrics", "metrics+traces"})
    public String telemetry;

    private Telemetry instance;
    private CallPipeline pipeline;
    private CallRequest request;

    @Setup(Level.Trial)
    public void build() {
        TelemetryOptions options = switch (telemetry) {
            case "off" -> TelemetryOptions.off();
            case "metrics" -> TelemetryOptions.defaults();
            case "metrics+traces" -> TelemetryOptions.defaults().withTracing(true);
            default -> throw new IllegalArgumentException(telemetry);
        };
        instance = Telemetry.create(options, BatchSpanProcessor.builder(new DroppingExporter()).build(), null);
        KeyPatternRedactor redactor = new KeyPatternRedactor();
        pipeline = StandardPipeline.builder()
                .authenticator(token -> new Authentication.Authenticated(PRINCIPAL))
                .tools(new ToolRegistry(List.of(new EchoConnector())))
                .policies(new AllowAll())
                .sessions(new InMemorySessionStore(Duration.ofHours(1), 10_000))
                .auditLog(new DiscardingAudit())
                .redactor(redactor)
                .steps()
                .observer(instance.observer(redactor))
                .build();
        request = new CallRequest("token", "session-1", "crm.get_customer", Map.of("id", 42), ProgressListener.IGNORE,
                null, Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    }

    @TearDown(Level.Trial)
    public void close() {
        instance.close();
    }

    @Benchmark
    public Object call() {
        return pipeline.handle(request);
    }

    private static final Principal PRINCIPAL = new Principal(new Agent("bench-agent", "bench@example.com",
            Set.of("support"), Map.of(), AgentStatus.ACTIVE, Instant.EPOCH), Optional.empty(), "jti-bench",
            Set.of("tools"), Instant.now().plus(Duration.ofDays(1)));

    private static final class EchoConnector implements Connector {
        private final Tool tool = new Tool("crm.get_customer", "echo", "{\"type\":\"object\",\"properties\":"
                + "{\"id\":{\"type\":\"integer\"}},\"required\":[\"id\"]}", ToolKind.READ, "crm", Set.of("internal"));

        @Override
        public String name() {
            return "crm";
        }

        @Override
        public List<Tool> tools() {
            return List.of(tool);
        }

        @Override
        public ToolResult call(ToolCall call, ProgressListener progress) {
            return ToolResult.text("{\"id\":42,\"name\":\"Acme\"}");
        }
    }

    private static final class AllowAll implements PolicyEngine {
        @Override
        public Decision decide(DecisionRequest request) {
            return new Decision.Allow(List.of("permit-support"), List.of());
        }

        @Override
        public boolean mayList(Principal principal, Tool tool) {
            return true;
        }
    }

    private static final class DiscardingAudit implements AuditLog {
        private long sequence;

        @Override
        public AuditRecord append(AuditEvent event) {
            return new AuditRecord(++sequence, event, "0".repeat(64), "1".repeat(64));
        }

        @Override
        public List<AuditRecord> tail(int count) {
            return List.of();
        }

        @Override
        public AuditVerification verify() {
            throw new UnsupportedOperationException();
        }
    }

    private static final class DroppingExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
