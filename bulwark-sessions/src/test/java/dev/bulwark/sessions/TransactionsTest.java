package dev.bulwark.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionsTest {
    @TempDir
    Path dir;
    DataSource db;

    @BeforeEach
    void table() throws SQLException {
        db = SqliteSessionStoreContractTest.sqlite(dir.resolve("t.db"));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t (v INTEGER)");
        }
    }

    @Test
    void workThatEndsInAnErrorLeavesNothingBehind() throws SQLException {
        // An Error (an assertion, out of memory) is neither SQLException nor RuntimeException; turning auto-commit
        // back on would commit the half-done work.
        assertThatThrownBy(() -> Transactions.run(db, c -> {
            insert(c, 1);
            throw new AssertionError("half done");
        })).isInstanceOf(AssertionError.class).hasMessage("half done");

        assertThat(rows()).isZero();
    }

    @Test
    void workThatFailsLeavesNothingBehindAndWorkThatEndsIsKept() throws SQLException {
        assertThatThrownBy(() -> Transactions.run(db, c -> {
            insert(c, 1);
            throw new IllegalStateException("refused");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(rows()).isZero();

        Transactions.run(db, c -> insert(c, 2));
        assertThat(rows()).isEqualTo(1);
    }

    private static int insert(Connection c, int v) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate("INSERT INTO t VALUES (" + v + ")");
        }
    }

    private int rows() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
            r.next();
            return r.getInt(1);
        }
    }
}
