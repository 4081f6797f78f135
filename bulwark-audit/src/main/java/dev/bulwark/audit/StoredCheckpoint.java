package dev.bulwark.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads and writes rows of {@code audit_checkpoint}. */
final class StoredCheckpoint {
    static final String COLUMNS = "sequence, hash, time, key_id, signature";
    static final String INSERT = "INSERT INTO audit_checkpoint (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)";

    private StoredCheckpoint() {}

    /**
     * @throws IllegalArgumentException when the row is not a well-formed checkpoint
     */
    static Checkpoint read(ResultSet rs) throws SQLException {
        return new Checkpoint(rs.getLong(1), rs.getString(2), EventCodec.parseTime(rs.getString(3)),
                rs.getString(4), rs.getString(5));
    }

    static void bind(PreparedStatement insert, Checkpoint checkpoint) throws SQLException {
        insert.setLong(1, checkpoint.sequence());
        insert.setString(2, checkpoint.hash());
        insert.setString(3, EventCodec.formatTime(checkpoint.time()));
        insert.setString(4, checkpoint.keyId());
        insert.setString(5, checkpoint.signature());
    }
}
