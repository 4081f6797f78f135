package dev.bulwark.audit;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Audit records as JSON lines (JSONL), one canonical JSON object per record:
 * <pre>{"event":{action,agentId,details,outcome,reason,sessionId,time,type,userId},"hash","previousHash","sequence"}</pre>
 * exactly the document the record's hash covers plus the hash, so an export can be checked on its own: every line's
 * hash recomputes, and consecutive lines link ({@link #read}). Values are as stored: redacted as the audit log is.
 */
public final class AuditExport {
    private AuditExport() {}

    /** One record as one line (without the line break). */
    public static String line(AuditRecord record) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sequence", record.sequence());
        doc.put("previousHash", record.previousHash());
        doc.put("hash", record.hash());
        doc.put("event", EventCodec.parse(EventCodec.canonicalEvent(record.event())));
        return CanonicalJson.write(doc);
    }

    /**
     * Reads an export back, checking each line's hash and that each line links to the one before it (a filtered
     * export, whose lines are not consecutive, is read with {@code requireLinked = false}: hashes are still checked).
     *
     * @throws IllegalArgumentException naming the line, for a line that is not a record, a hash that does not
     *                                  recompute, or a broken link
     */
    public static List<AuditRecord> read(Reader in, boolean requireLinked) throws IOException {
        List<AuditRecord> records = new ArrayList<>();
        BufferedReader lines = new BufferedReader(in);
        String text;
        long number = 0;
        while ((text = lines.readLine()) != null) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            AuditRecord record;
            try {
                record = parse(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + number + " is not an audit record: " + e.getMessage(), e);
            }
            if (requireLinked && !records.isEmpty()) {
                AuditRecord before = records.getLast();
                if (record.sequence() != before.sequence() + 1 || !record.previousHash().equals(before.hash())) {
                    throw new IllegalArgumentException("line " + number + " (record " + record.sequence()
                            + ") does not link to the line before it (record " + before.sequence() + ")");
                }
            }
            records.add(record);
        }
        return records;
    }

    private static AuditRecord parse(String text) {
        Map<String, Object> doc = EventCodec.parseObject(text);
        if (!(doc.get("sequence") instanceof Long sequence) || !(doc.get("hash") instanceof String hash)
                || !(doc.get("previousHash") instanceof String previousHash)
                || !(doc.get("event") instanceof Map<?, ?> e)) {
            throw new IllegalArgumentException("needs sequence, previousHash, hash and event");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> details = e.get("details") instanceof Map<?, ?> d ? (Map<String, Object>) d : null;
        if (details == null) {
            throw new IllegalArgumentException("event has no details object");
        }
        AuditEvent event = new AuditEvent(EventCodec.parseTime((String) e.get("time")),
                AuditEventType.valueOf((String) e.get("type")), (String) e.get("action"),
                Outcome.valueOf((String) e.get("outcome")), (String) e.get("agentId"), (String) e.get("userId"),
                (String) e.get("sessionId"), (String) e.get("reason"), details);
        String recomputed = ChainHash.of(sequence, previousHash, EventCodec.canonicalEvent(event));
        if (!recomputed.equals(hash)) {
            throw new IllegalArgumentException("record " + sequence + " does not match its hash (modified)");
        }
        return new AuditRecord(sequence, event, previousHash, hash);
    }
}
