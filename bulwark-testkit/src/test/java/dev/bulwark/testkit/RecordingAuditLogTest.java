package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingAuditLogTest {
    private static AuditEvent event(String action) {
        return new AuditEvent(Instant.parse("2030-01-01T00:00:00Z"), AuditEventType.TOOL_CALL, action,
                Outcome.SUCCEEDED, "agent-1", null, "s-1", "ok", Map.of());
    }

    @Test
    void keepsEveryEventInOrderAndNumbersTheRecords() {
        RecordingAuditLog log = new RecordingAuditLog();
        assertThat(log.append(event("a")).sequence()).isEqualTo(1);
        assertThat(log.append(event("b")).sequence()).isEqualTo(2);
        assertThat(log.events()).extracting(AuditEvent::action).containsExactly("a", "b");
    }

    @Test
    void cannotBeVerified() {
        assertThatThrownBy(() -> new RecordingAuditLog().verify()).isInstanceOf(UnsupportedOperationException.class);
    }
}
