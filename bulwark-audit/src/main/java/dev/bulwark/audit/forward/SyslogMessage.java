package dev.bulwark.audit.forward;

import dev.bulwark.audit.AuditExport;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An audit record as an RFC 5424 syslog message:
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [bulwark@32473 ...] BOM{export line}}. Facility 13 (log
 * audit); severity 6 (informational) for succeeded and attempted actions, 5 (notice) for denied ones, 3 (error) for
 * failed ones. MSGID is the event type; the structured data element names sequence, hash, action, outcome, agent,
 * user and session; MSG is the record's {@link AuditExport#line export line}, so a SIEM can re-check its hash.
 */
public final class SyslogMessage {
    /** The private enterprise number in the SD-ID is IANA's example number, as no number is registered. */
    static final String SD_ID = "bulwark@32473";
    private static final int FACILITY_LOG_AUDIT = 13;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SyslogMessage() {}

    /** The message text (without framing). */
    public static String format(AuditRecord record, String hostname, String appName) {
        AuditEvent e = record.event();
        int severity = switch (e.outcome()) {
            case DENIED -> 5;
            case FAILED -> 3;
            case SUCCEEDED, ATTEMPTED -> 6;
        };
        int pri = FACILITY_LOG_AUDIT * 8 + severity;
        StringBuilder sd = new StringBuilder("[").append(SD_ID);
        param(sd, "sequence", Long.toString(record.sequence()));
        param(sd, "hash", record.hash());
        param(sd, "action", e.action());
        param(sd, "outcome", e.outcome().name());
        if (e.agentId() != null) {
            param(sd, "agent", e.agentId());
        }
        if (e.userId() != null) {
            param(sd, "user", e.userId());
        }
        if (e.sessionId() != null) {
            param(sd, "session", e.sessionId());
        }
        sd.append(']');
        return "<" + pri + ">1 " + TIME.format(e.time()) + " " + header(hostname, 255) + " " + header(appName, 48)
                + " - " + e.type().name() + " " + sd + " \uFEFF" + AuditExport.line(record);
    }

    /** The message framed for TCP by octet counting: {@code LENGTH SP MESSAGE}, the length in UTF-8 bytes. */
    public static byte[] frame(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (bytes.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + bytes.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(bytes, 0, out, prefix.length, bytes.length);
        return out;
    }

    /** Header fields are printable US-ASCII without spaces; anything else becomes {@code _}, empty becomes "-". */
    static String header(String value, int max) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c > 32 && c < 127 ? c : '_');
        }
        return out.toString();
    }

    /**
     * SD-PARAM values escape {@code " \ ]} (RFC 5424 6.3.3); names are fixed ASCII. Control characters and line or
     * paragraph separators (a caller-chosen client id can become a record's agent id) are written as the text
     * {@code \\u000a}: RFC 5424 allows them raw under octet counting, but a receiver that splits on lines would
     * read the rest as a forged message. The exact value stays in MSG, the record's JSON export line.
     */
    private static void param(StringBuilder sd, String name, String value) {
        sd.append(' ').append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                sd.append('\\').append(c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                sd.append(String.format("\\u%04x", (int) c));
            } else {
                sd.append(c);
            }
        }
        sd.append('"');
    }
}
