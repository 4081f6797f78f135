package dev.bulwark.audit;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Retention that keeps the chain verifiable. Records are pruned only below a <em>base</em>: a record that a signed
 * checkpoint covers exactly (and, with witnesses, that every witness has anchored). The base record itself stays, so
 * the remaining chain starts from a hash a trusted signature vouches for. Before anything is deleted, a
 * {@code SYSTEM audit.prune} record naming the base's sequence and hash is appended to the chain (and so covered by
 * later checkpoints and anchors); the verifier accepts a log that starts above record 1 only when the chain holds such
 * a record for its first record and that record's checkpoint verifies. Deleting old records any other way is reported
 * as tampering.
 */
public final class Retention {
    static final String ACTION = "audit.prune";

    private Retention() {}

    /**
     * What a prune did.
     *
     * @param base    the first record kept (0: nothing was pruned)
     * @param removed records deleted
     * @param record  the sequence of the {@code audit.prune} record (0: none written)
     */
    public record Pruned(long base, long removed, long record) {
    }

    /** Whether a record is the prune record naming {@code base} with {@code hash}. */
    static boolean names(AuditRecord record, long base, String hash) {
        AuditEvent e = record.event();
        return e.type() == AuditEventType.SYSTEM && e.action().equals(ACTION) && hash != null
                && Long.valueOf(base).equals(e.details().get("base")) && hash.equals(e.details().get("baseHash"));
    }

    /**
     * The newest checkpoint at or below both the first record newer than {@code before} and {@code anchoredUpTo},
     * above the first record still stored; empty when there is none (nothing to prune).
     */
    static Optional<Checkpoint> base(DataSource database, Instant before, long anchoredUpTo) throws SQLException {
        try (Connection c = database.getConnection()) {
            long first = single(c, "SELECT MIN(sequence) FROM audit_record", null);
            long lastOld = single(c, "SELECT MAX(sequence) FROM audit_record WHERE time < ?",
                    EventCodec.formatTime(before));
            if (lastOld == 0) {
                return Optional.empty();
            }
            long limit = Math.min(lastOld + 1, anchoredUpTo);
            try (PreparedStatement s = c.prepareStatement("SELECT " + StoredCheckpoint.COLUMNS
                    + " FROM audit_checkpoint WHERE sequence <= ? AND sequence > ? ORDER BY sequence DESC LIMIT 1")) {
                s.setLong(1, limit);
                s.setLong(2, Math.max(first, 1));
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(StoredCheckpoint.read(rs)) : Optional.empty();
                }
            }
        }
    }

    static AuditEvent event(Checkpoint base, Instant before, Instant now) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("base", base.sequence());
        details.put("baseHash", base.hash());
        details.put("before", EventCodec.formatTime(before));
        return new AuditEvent(now, AuditEventType.SYSTEM, ACTION, Outcome.SUCCEEDED, null, null, null, "", details);
    }

    /** Deletes the records and checkpoints below the base in one write transaction; returns the records deleted. */
    static long delete(DataSource database, long base) throws SQLException {
        try (Connection c = database.getConnection()) {
            Dialect dialect = Dialect.of(c);
            dialect.configure(c, SqliteSync.FULL);
            dialect.beginWrite(c);
            try {
                long removed;
                try (PreparedStatement s = c.prepareStatement("DELETE FROM audit_record WHERE sequence < ?")) {
                    s.setLong(1, base);
                    removed = s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM audit_checkpoint WHERE sequence < ?")) {
                    s.setLong(1, base);
                    s.executeUpdate();
                }
                dialect.commit(c);
                return removed;
            } catch (SQLException | RuntimeException | Error e) {
                dialect.rollbackQuietly(c);
                throw e;
            }
        }
    }

    private static long single(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long value = rs.getLong(1);
                return rs.wasNull() ? 0 : value;
            }
        }
    }
}
