package dev.bulwark.audit.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.audit.AuditExport;
import dev.bulwark.audit.AuditLogOptions;
import dev.bulwark.audit.AuditRecords;
import dev.bulwark.audit.JdbcAuditLog;
import dev.bulwark.testkit.SyslogReceiver;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.Outcome;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forwarding to a syslog receiver on loopback: RFC 5424 over octet-counted TCP, at least once, resumable. */
class AuditForwarderTest {
    /** PRI VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG, as RFC 5424 section 6 lays them out. */
    private static final Pattern RFC5424 = Pattern.compile("<(\\d{1,3})>1 (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"
            + "\\.\\d{6}Z) ([!-~]{1,255}) ([!-~]{1,48}) - ([!-~]{1,32}) (\\[bulwark@32473( [a-z]+=\"(?:[^\"\\\\\\]]|\\\\"
            + "[\"\\\\\\]])*\")+\\]) \uFEFF(.*)", Pattern.DOTALL);
    @TempDir
    Path dir;

    private static AuditEvent event(int i, Outcome outcome) {
        return new AuditEvent(Instant.parse("2026-03-01T00:00:00Z").plusSeconds(i), AuditEventType.TOOL_CALL,
                "crm.find", outcome, "agent-\"q]", i % 2 == 0 ? "alice" : null, "s1", "",
                Map.of("arguments", Map.of("token", "[REDACTED]", "n", i)));
    }

    private JdbcAuditLog open() {
        return JdbcAuditLog.openEmbedded(dir.resolve("data"), AuditLogOptions.defaults()
                .withCheckpointPeriod(Duration.ZERO));
    }

    private AuditForwarder forwarder(int port) {
        return new AuditForwarder(AuditRecords.ofEmbedded(dir.resolve("data")), SyslogSender.to("127.0.0.1:" + port,
                null), dir.resolve("cursor"), 0, "gw-1", "bulwark");
    }

    @Test
    void sendsEachRecordAsAnRfc5424MessageCarryingItsExportLine() throws Exception {
        try (JdbcAuditLog log = open(); SyslogReceiver receiver = new SyslogReceiver()) {
            log.append(event(1, Outcome.SUCCEEDED));
            log.append(event(2, Outcome.DENIED));
            log.append(event(3, Outcome.FAILED));
            AuditForwarder forwarder = forwarder(receiver.port());

            assertThat(forwarder.forwardAvailable()).isEqualTo(3);

            List<String> messages = receiver.await(3);
            assertThat(receiver.problems()).isEmpty();
            assertThat(messages).hasSize(3);
            List<AuditRecord> stored = log.read(1, 10);
            int[] severities = {6, 5, 3};
            for (int i = 0; i < 3; i++) {
                Matcher m = RFC5424.matcher(messages.get(i));
                assertThat(m.matches()).as(messages.get(i)).isTrue();
                assertThat(Integer.parseInt(m.group(1))).isEqualTo(13 * 8 + severities[i]);
                assertThat(m.group(2)).isEqualTo("2026-03-01T00:00:0" + (i + 1) + ".000000Z");
                assertThat(m.group(3)).isEqualTo("gw-1");
                assertThat(m.group(5)).isEqualTo("TOOL_CALL");
                assertThat(m.group(6)).contains("sequence=\"" + (i + 1) + "\"")
                        .contains("agent=\"agent-\\\"q\\]\"").contains("hash=\"" + stored.get(i).hash() + "\"");
                // the message body is the export line: the SIEM can re-check the record's hash
                assertThat(AuditExport.read(new StringReader(m.group(8)), false)).containsExactly(stored.get(i));
            }
            assertThat(String.join("", messages)).contains("[REDACTED]");
            forwarder.close();
        }
    }

    @Test
    void resumesFromItsCursorAndRetriesAfterTheReceiverWasDown() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (JdbcAuditLog log = open()) {
            for (int i = 1; i <= 3; i++) {
                log.append(event(i, Outcome.SUCCEEDED));
            }
            AuditForwarder down = forwarder(deadPort);
            down.round();
            assertThat(down.lastError()).isNotNull();
            assertThat(down.cursor()).isZero();

            try (SyslogReceiver receiver = new SyslogReceiver()) {
                AuditForwarder first = forwarder(receiver.port());
                first.round();
                assertThat(first.lastError()).isNull();
                assertThat(receiver.await(3)).hasSize(3);
                first.close();
                for (int i = 4; i <= 5; i++) {
                    log.append(event(i, Outcome.SUCCEEDED));
                }
                AuditForwarder restarted = forwarder(receiver.port());
                assertThat(restarted.cursor()).isEqualTo(3);
                assertThat(restarted.forwardAvailable()).isEqualTo(2);
                assertThat(receiver.await(5)).hasSize(5).last().asString().contains("sequence=\"5\"");
                restarted.close();
            }
        }
    }

    @Test
    void headerFieldsAreMadePrintable() {
        assertThat(SyslogMessage.header("host name\u00e9", 255)).isEqualTo("host_name_");
        assertThat(SyslogMessage.header("", 48)).isEqualTo("-");
        assertThat(SyslogMessage.header("x".repeat(100), 48)).hasSize(48);
    }
}
