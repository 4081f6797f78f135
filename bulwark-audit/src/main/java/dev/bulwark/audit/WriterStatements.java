package dev.bulwark.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The statements the chain writer runs for every batch, prepared once per connection (not once per batch); they
 * close with their connection.
 */
record WriterStatements(PreparedStatement head, PreparedStatement lastCheckpoint, PreparedStatement recordInsert) {
    static WriterStatements prepare(Connection c) throws SQLException {
        return new WriterStatements(
                c.prepareStatement("SELECT sequence, hash FROM audit_record ORDER BY sequence DESC LIMIT 1"),
                c.prepareStatement("SELECT MAX(sequence) FROM audit_checkpoint"),
                c.prepareStatement(StoredRecord.INSERT));
    }
}
