package dev.bulwark.audit;

import dev.bulwark.spi.audit.AuditRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Someone with write access to the audit database (and, where a test says so, the signing key): rewrites records with
 * raw SQL, recomputes the chain, and deletes or re-signs checkpoints. Opens no log instance, so nothing it does is
 * published to a witness.
 */
final class Attacker {
    private final DataSource database;

    Attacker(DataSource database) {
        this.database = database;
    }

    void sql(String... statements) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    List<AuditRecord> records() {
        return new AuditRecords(database).read(1, 1_000_000);
    }

    /** Changes one record's action and recomputes every hash from it on, as anyone can without a key. */
    void rewrite(long sequence, String action) throws SQLException {
        sql("UPDATE audit_record SET action = '" + action + "' WHERE sequence = " + sequence);
        List<AuditRecord> stored = records();
        String previous = sequence == 1 ? ChainHash.GENESIS : stored.get((int) sequence - 2).hash();
        try (Connection c = database.getConnection();
             PreparedStatement update = c.prepareStatement(
                     "UPDATE audit_record SET prev_hash = ?, hash = ? WHERE sequence = ?")) {
            for (AuditRecord record : stored.subList((int) sequence - 1, stored.size())) {
                String hash = ChainHash.of(record.sequence(), previous, EventCodec.canonicalEvent(record.event()));
                update.setString(1, previous);
                update.setString(2, hash);
                update.setLong(3, record.sequence());
                update.executeUpdate();
                previous = hash;
            }
        }
    }

    /** Replaces every checkpoint by one signed with {@code key} at the same record (its new hash). */
    void resignCheckpoints(CheckpointSigner key) throws SQLException {
        List<Long> sequences = new ArrayList<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT sequence FROM audit_checkpoint ORDER BY sequence")) {
            while (rs.next()) {
                sequences.add(rs.getLong(1));
            }
        }
        sql("DELETE FROM audit_checkpoint");
        List<AuditRecord> stored = records();
        try (Connection c = database.getConnection();
             PreparedStatement insert = c.prepareStatement(StoredCheckpoint.INSERT)) {
            for (long sequence : sequences) {
                StoredCheckpoint.bind(insert, key.sign(sequence, stored.get((int) sequence - 1).hash(), Instant.now()));
                insert.executeUpdate();
            }
        }
    }

    /** Deletes the records after {@code keep} and the checkpoints that covered them. */
    void truncateAfter(long keep) throws SQLException {
        sql("DELETE FROM audit_record WHERE sequence > " + keep,
                "DELETE FROM audit_checkpoint WHERE sequence > " + keep);
    }
}
