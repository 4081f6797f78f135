package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.anomaly.CallEvent;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.tool.ToolKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallEventsTest {
    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    private static CallEvent of(AuditEventType type, Outcome outcome, String agent, String reason,
                                Map<String, Object> details) {
        return CallEvents.of(new AuditEvent(T, type, "mail.send", outcome, agent, null, "mcp-1", reason, details),
                name -> name.equals("mail.send") ? ToolKind.EGRESS : null, session -> "send the weekly report");
    }

    @Test
    void readsACompletedCallWithItsLabelsSizeKindAndIntent() {
        CallEvent e = of(AuditEventType.TOOL_CALL, Outcome.SUCCEEDED, "bot", "ALLOWED p1",
                Map.of("resultBytes", 1234, "labels", List.of("pii", "suspicious"), "rows", 7));
        assertThat(e.outcome()).isEqualTo(CallEvent.Outcome.ALLOWED);
        assertThat(e.kind()).isEqualTo(ToolKind.EGRESS);
        assertThat(e.labels()).containsExactlyInAnyOrder("pii", "suspicious");
        assertThat(e.bytes()).isEqualTo(1234);
        assertThat(e.items()).isEqualTo(7);
        assertThat(e.injection()).isTrue();
        assertThat(e.intent()).isEqualTo("send the weekly report");
    }

    @Test
    void aCallWaitingForApprovalIsNotARefusalAndABlockedInjectionIsAFinding() {
        assertThat(of(AuditEventType.TOOL_CALL, Outcome.DENIED, "bot", "APPROVAL_REQUIRED p", Map.of()).denied())
                .isFalse();
        assertThat(of(AuditEventType.TOOL_CALL, Outcome.DENIED, "bot", "DENIED p", Map.of()).denied()).isTrue();
        assertThat(of(AuditEventType.TOOL_CALL, Outcome.FAILED, "bot", "OUTPUT_BLOCKED",
                Map.of("error", "suspected prompt injection in tool output: ...")).injection()).isTrue();
    }

    @Test
    void eventsWithoutAnAgentOrOfOtherTypesAreNotCalls() {
        assertThat(of(AuditEventType.TOOL_CALL, Outcome.DENIED, null, "UNAUTHENTICATED", Map.of())).isNull();
        assertThat(of(AuditEventType.ADMIN, Outcome.SUCCEEDED, "bot", "", Map.of())).isNull();
        assertThat(of(AuditEventType.TOOL_CALL, Outcome.SUCCEEDED, "x".repeat(300), "", Map.of())).isNull();
    }
}
