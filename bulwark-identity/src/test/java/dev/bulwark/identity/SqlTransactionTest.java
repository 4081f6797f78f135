package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlTransactionTest {
    @TempDir
    Path dir;

    @Test
    void workThatEndsInAnErrorLeavesNothingBehind() throws SQLException {
        DataSource db = Fixture.sqlite(dir.resolve("state.db"));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t (v INTEGER)");
        }
        // An Error is neither SQLException nor RuntimeException; restoring auto-commit would commit the half-done work.
        assertThatThrownBy(() -> Sql.inTransaction(db, c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO t VALUES (1)");
            }
            throw new AssertionError("half done");
        })).isInstanceOf(AssertionError.class).hasMessage("half done");

        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
            r.next();
            assertThat(r.getInt(1)).isZero();
        }
    }
}
