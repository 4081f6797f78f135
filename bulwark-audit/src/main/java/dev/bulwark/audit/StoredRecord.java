package dev.bulwark.audit;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.Outcome;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One row of {@code audit_record} exactly as stored, before it is trusted to be a valid record. */
record StoredRecord(long sequence, String time, String type, String action, String outcome, String agentId,
                    String userId, String sessionId, String reason, String details, String previousHash,
                    String hash) {

    static final String COLUMNS =
            "sequence, time, type, action, outcome, agent_id, user_id, session_id, reason, details, prev_hash, hash";
    static final String INSERT = "INSERT INTO audit_record (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static StoredRecord read(ResultSet rs) throws SQLException {
        return new StoredRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12));
    }

    /** @param canonicalDetails {@code CanonicalJson.write} of the event's details */
    static StoredRecord of(AuditRecord record, String canonicalDetails) {
        AuditEvent e = record.event();
        return new StoredRecord(record.sequence(), EventCodec.formatTime(e.time()), e.type().name(), e.action(),
                e.outcome().name(), e.agentId(), e.userId(), e.sessionId(), e.reason(), canonicalDetails,
                record.previousHash(), record.hash());
    }

    void bind(PreparedStatement insert) throws SQLException {
        insert.setLong(1, sequence);
        insert.setString(2, time);
        insert.setString(3, type);
        insert.setString(4, action);
        insert.setString(5, outcome);
        insert.setString(6, agentId);
        insert.setString(7, userId);
        insert.setString(8, sessionId);
        insert.setString(9, reason);
        insert.setString(10, details);
        insert.setString(11, previousHash);
        insert.setString(12, hash);
    }

    /**
     * The record this row holds.
     *
     * @throws IllegalArgumentException when a column holds something no append writes (unknown type, non-canonical
     *                                  time or details): the row was changed outside the log
     */
    AuditRecord decode() {
        AuditEvent event = new AuditEvent(EventCodec.parseTime(time), AuditEventType.valueOf(type), action,
                Outcome.valueOf(outcome), agentId, userId, sessionId, reason, EventCodec.parseObject(details));
        if (!EventCodec.formatTime(event.time()).equals(time)) {
            throw new IllegalArgumentException("time is not in the stored form: " + time);
        }
        if (!CanonicalJson.write(event.details()).equals(details)) {
            throw new IllegalArgumentException("details are not canonical JSON");
        }
        return new AuditRecord(sequence, event, previousHash, hash);
    }
}
