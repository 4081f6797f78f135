package dev.bulwark.telemetry;

import dev.bulwark.engine.pipeline.AuditStep;
import dev.bulwark.engine.pipeline.CallObserver;
import dev.bulwark.engine.pipeline.CallPipeline;
import dev.bulwark.engine.pipeline.CallRequest;
import dev.bulwark.engine.pipeline.CallStep;
import dev.bulwark.engine.pipeline.Refusal;
import dev.bulwark.engine.pipeline.ScreenOutputStep;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import dev.bulwark.spi.guard.OutputGuard;
import dev.bulwark.spi.guard.Redactor;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small real pipeline for telemetry tests: the real audit step, a step that authenticates, resolves any well-formed
 * {@code x.y} tool name, allows it with policy {@code permit-<connector>} unless the tool is called {@code *.forbidden}
 * (denied by {@code forbid-all}), and executes by echoing; then the real output screening step with the given guards.
 */
final class TestPipelines {
    static final Redactor SECRET_REDACTOR = arguments -> {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        arguments.forEach((k, v) -> out.put(k, v instanceof String s ? s.replace("hunter2", "[redacted]") : v));
        return out;
    };

    private TestPipelines() {}

    static final class MemoryAudit implements AuditLog {
        final List<AuditEvent> events = new ArrayList<>();

        @Override
        public synchronized AuditRecord append(AuditEvent event) {
            events.add(event);
            return new AuditRecord(events.size(), event, "0".repeat(64), "1".repeat(64));
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

    static CallPipeline pipeline(CallObserver observer, List<OutputGuard> guards) {
        CallStep fake = (call, next) -> {
            Agent agent = new Agent("agent-1", "owner@example.com", Set.of(), Map.of(), AgentStatus.ACTIVE,
                    Instant.EPOCH);
            Principal principal = new Principal(agent, Optional.empty(), "jti-1", Set.of("tools"),
                    Instant.now().plusSeconds(600));
            var known = call.withPrincipal(principal);
            String name = call.request().toolName();
            if (!name.matches("[A-Za-z0-9_-]{1,64}\\.[A-Za-z0-9_-]{1,64}")) {
                return known.refuse(Refusal.UNKNOWN_TOOL, "unknown tool");
            }
            Tool tool = new Tool(name, "test", "{\"type\":\"object\"}", ToolKind.READ,
                    name.substring(0, name.indexOf('.')), Set.of());
            var resolved = known.withTool(tool).withArguments(call.request().arguments());
            if (name.endsWith(".forbidden")) {
                return resolved.withDecision(new Decision.Deny(List.of("forbid-all"), "forbidden", List.of()))
                        .refuse(Refusal.DENIED, "denied: argument was " + call.request().arguments());
            }
            var allowed = resolved.withDecision(new Decision.Allow(List.of("permit-" + tool.connector()), List.of()));
            var executed = allowed.withToolCall(new ToolCall(call.callId(), tool, call.request().arguments(),
                    principal, call.request().sessionId()));
            return next.proceed(executed.withResult(ToolResult.text("echo " + call.request().arguments()), Set.of()));
        };
        return CallPipeline.builder()
                .step(new AuditStep(new MemoryAudit(), SECRET_REDACTOR))
                .step(fake)
                .step(new ScreenOutputStep(guards))
                .observer(observer)
                .build();
    }

    static CallRequest request(String tool, Map<String, String> traceContext) {
        return new CallRequest("token", "session-7", tool, Map.of("q", "hunter2 secret value"), null, null,
                traceContext);
    }

    static OutputGuard guard(String name, Screening verdict) {
        return new OutputGuard() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Screening screen(ToolCall call, ToolResult result) {
                return verdict;
            }
        };
    }

}
