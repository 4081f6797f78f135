package dev.bulwark.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordAttemptStepTest {
    private final Harness h = new Harness();
    private final List<List<AuditEvent>> loggedWhenConnectorRan = new ArrayList<>();

    @BeforeEach
    void offerAWriteTool() {
        h.docs.tools.set(List.of(h.search, tool("docs.update", ToolKind.WRITE)));
        h.docs.handler = (call, progress) -> {
            loggedWhenConnectorRan.add(h.audit.events());
            return ToolResult.text("updated");
        };
    }

    private static Tool tool(String name, ToolKind kind) {
        return new Tool(name, "test " + name, "{\"type\":\"object\"}", kind, "docs", Set.of());
    }

    private CallOutcome call(String tool, Map<String, Object> arguments) {
        return h.pipeline().handle(Harness.request("t-alice", tool, arguments));
    }

    @ParameterizedTest
    @EnumSource(value = ToolKind.class, names = {"WRITE", "EGRESS", "EXECUTE"})
    void sideEffectsAreRecordedAsAttemptedBeforeTheConnectorRuns(ToolKind kind) {
        h.docs.tools.set(List.of(tool("docs.act", kind)));

        CallOutcome outcome = call("docs.act", Map.of("id", 7));

        assertThat(outcome).isInstanceOf(CallOutcome.Completed.class);
        AuditEvent attempt = loggedWhenConnectorRan.getFirst().getFirst();
        assertThat(attempt.type()).isEqualTo(AuditEventType.TOOL_ATTEMPT);
        assertThat(attempt.outcome()).isEqualTo(Outcome.ATTEMPTED);
        assertThat(attempt.action()).isEqualTo("docs.act");
        assertThat(attempt.agentId()).isEqualTo("alice");
        // in the form the log stores and reads back: integers as Long
        assertThat(attempt.details()).containsEntry("kind", kind.label()).containsEntry("arguments", Map.of("id", 7L));
        List<AuditEvent> all = h.audit.events();
        assertThat(all).extracting(AuditEvent::type)
                .containsExactly(AuditEventType.TOOL_ATTEMPT, AuditEventType.TOOL_CALL);
        assertThat(all.get(1).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(all.get(1).details().get("callId")).isEqualTo(attempt.details().get("callId"));
    }

    @Test
    void readsNeedNoAttemptRecord() {
        call("docs.search", Map.of("q", "x"));

        assertThat(h.audit.events()).extracting(AuditEvent::type).containsExactly(AuditEventType.TOOL_CALL);
    }

    @Test
    void refusedCallsRecordNoAttempt_forNothingWasAttempted() {
        h.policies.rule = r -> new Decision.Deny(List.of("no-writes"), "forbidden", List.of());

        call("docs.update", Map.of());

        assertThat(h.docs.calls).isEmpty();
        assertThat(h.audit.only().outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void refusesTheCallAndNeverRunsTheConnector_whenTheAttemptCannotBeWritten() {
        FailingOnAttempts log = new FailingOnAttempts();
        CallPipeline pipeline = h.standard().auditLog(log).build();

        CallOutcome outcome = pipeline.handle(Harness.request("t-alice", "docs.update", Map.of("id", 1)));

        assertThat(h.docs.calls).isEmpty();
        CallOutcome.Refused refused = (CallOutcome.Refused) outcome;
        assertThat(refused.code()).isEqualTo(Refusal.INTERNAL_ERROR);
        assertThat(refused.message()).isEqualTo("audit unavailable");
        assertThat(log.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AuditEventType.TOOL_CALL);
            assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
        });
    }

    @Test
    void aConnectorThatFailsStillConcludesItsAttempt() {
        h.docs.handler = (call, progress) -> {
            throw new dev.bulwark.spi.tool.ConnectorException("crm down");
        };

        call("docs.update", Map.of());

        assertThat(h.audit.events()).extracting(AuditEvent::outcome).containsExactly(Outcome.ATTEMPTED, Outcome.FAILED);
    }

    @Test
    void attemptRecordsHoldRedactedArgumentsOnly() {
        call("docs.update", Map.of("note", "x", "password", "hunter2"));

        AuditEvent attempt = h.audit.events().getFirst();
        assertThat(attempt.details().get("arguments")).isEqualTo(Map.of("note", "x", "password", "[REDACTED]"));
        assertThat(attempt.toString()).doesNotContain("hunter2");
    }

    /** Takes outcome records but refuses attempt records, like a log that fails between two calls. */
    private static final class FailingOnAttempts extends Fakes.RecordingAuditLog {
        @Override
        public synchronized dev.bulwark.spi.audit.AuditRecord append(AuditEvent event) {
            if (event.type() == AuditEventType.TOOL_ATTEMPT) {
                throw new AuditException("disk full");
            }
            return super.append(event);
        }
    }
}
