package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A side effect whose process died after the connector ran: its attempt record has no outcome, and both verify and
 * tail list it. The log is written the way the pipeline writes it (attempt, then outcome, correlated by call id).
 */
class UnfinishedCallsTest {
    private static final Instant T = Instant.parse("2026-02-01T10:00:00Z");

    @TempDir
    Path dir;

    private static AuditEvent attempt(String callId) {
        return new AuditEvent(T, AuditEventType.TOOL_ATTEMPT, "crm.update_customer_note", Outcome.ATTEMPTED,
                "support-bot", null, "s-1", "ATTEMPTED", Map.of("callId", callId, "kind", "write"));
    }

    private static AuditEvent outcome(String callId) {
        return new AuditEvent(T, AuditEventType.TOOL_CALL, "crm.update_customer_note", Outcome.SUCCEEDED,
                "support-bot", null, "s-1", "ALLOWED", Map.of("callId", callId));
    }

    @Test
    void anAttemptWithoutOutcomeIsListedByVerifyAndTail() {
        Path data = dir.resolve("data");
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(data,
                AuditLogOptions.defaults().withCheckpointPeriod(Duration.ZERO))) {
            log.append(attempt("c-1"));
            log.append(outcome("c-1"));
            log.append(attempt("c-2")); // the connector ran, then the process died: no outcome follows
            log.append(attempt("c-3"));
            log.append(outcome("c-3"));
        }

        AuditReport report = AuditVerifier.ofEmbedded(data, 1000).report();

        assertThat(report.verification().intact()).isTrue();
        assertThat(report.unfinished()).singleElement().satisfies(a -> {
            assertThat(a.callId()).isEqualTo("c-2");
            assertThat(a.sequence()).isEqualTo(3);
            assertThat(a.tool()).isEqualTo("crm.update_customer_note");
            assertThat(a.agentId()).isEqualTo("support-bot");
        });
        assertThat(String.join("\n", report.describe())).contains("UNFINISHED: record 3 attempted "
                + "crm.update_customer_note (call c-2");
        assertThat(AuditRecords.ofEmbedded(data).unfinished()).extracting(UnfinishedCalls.Attempt::callId)
                .containsExactly("c-2");
    }

    @Test
    void outcomesOfOtherCallsOrWithoutCallIdConcludeNothing() {
        UnfinishedCalls calls = new UnfinishedCalls();
        calls.see(new dev.bulwark.spi.audit.AuditRecord(1, attempt("c-1"), "0".repeat(64), "1".repeat(64)));
        calls.see(new dev.bulwark.spi.audit.AuditRecord(2, outcome("c-9"), "1".repeat(64), "2".repeat(64)));
        calls.see(new dev.bulwark.spi.audit.AuditRecord(3, new AuditEvent(T, AuditEventType.TOOL_CALL, "x.y",
                Outcome.FAILED, null, null, null, "", Map.of()), "2".repeat(64), "3".repeat(64)));

        assertThat(calls.unfinished()).extracting(UnfinishedCalls.Attempt::callId).containsExactly("c-1");
    }
}
