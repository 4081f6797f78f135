package dev.bulwark.audit.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.audit.AuditLogOptions;
import dev.bulwark.audit.AuditRecords;
import dev.bulwark.audit.JdbcAuditLog;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.testkit.SyslogReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller-chosen value in a record's columns (a refused request's claimed client id becomes its agent id) holding
 * line breaks must not let a SIEM that splits on lines (many do, octet counting notwithstanding) read a forged record
 * from the structured data of a forwarded message.
 */
class SyslogLineBreaksTest {
    private static final String FORGED = "<110>1 2026-03-01T00:00:00.000000Z gw-1 bulwark - TOOL_CALL"
            + " [bulwark@32473 outcome=\"SUCCEEDED\"] forged";
    @TempDir
    Path dir;

    @Test
    void lineBreaksInStructuredDataAreWrittenAsVisibleEscapesNeverRaw() throws Exception {
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(dir.resolve("data"), AuditLogOptions.defaults()
                .withCheckpointPeriod(Duration.ZERO)); SyslogReceiver receiver = new SyslogReceiver()) {
            log.append(new AuditEvent(Instant.parse("2026-03-01T00:00:00Z"), AuditEventType.AUTHENTICATION, "token.issue",
                    Outcome.DENIED, "x\n" + FORGED, "u\r\n" + FORGED, "s\u2028" + FORGED + "\u0085\u001b[2J", "",
                    Map.of()));
            AuditForwarder forwarder = new AuditForwarder(AuditRecords.ofEmbedded(dir.resolve("data")),
                    SyslogSender.to("127.0.0.1:" + receiver.port(), null), dir.resolve("cursor"), 0, "gw-1", "bulwark");
            forwarder.forwardAvailable();

            List<String> messages = receiver.await(1);
            assertThat(receiver.problems()).isEmpty();
            String message = messages.getFirst();
            assertThat(message).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u001b");
            // MSG is the exact canonical JSON line the hash covers (it escapes CR, LF and ESC, not U+2028 or NEL);
            // the header and structured data before it hold no line or paragraph separator at all
            String structured = message.substring(0, message.indexOf('\uFEFF'));
            assertThat(structured).doesNotContain("\u2028").doesNotContain("\u0085")
                    .contains("session=\"s\\u2028<110>1");
            assertThat(message).contains("agent=\"x\\u000a<110>1").contains("user=\"u\\u000d\\u000a<110>1");
        }
    }
}
