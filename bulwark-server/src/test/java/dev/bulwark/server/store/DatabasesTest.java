package dev.bulwark.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

class DatabasesTest {
    @TempDir
    Path dir;

    @Test
    void durablePoolSyncsEveryCommitWhileTheSharedPoolDoesNot() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("state.db");
        try (HikariDataSource shared = Databases.open(url, null, null);
                HikariDataSource durable = Databases.openDurable(url, null, null)) {
            assertThat(synchronous(shared)).as("NORMAL").isEqualTo(1);
            assertThat(synchronous(durable)).as("FULL").isEqualTo(2);
            assertThat(journalMode(durable)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void sqlitePoolsSkipTheGeneratedKeysQueryAfterInsertsAndStillInsert() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("state.db");
        try (HikariDataSource shared = Databases.open(url, null, null);
                HikariDataSource durable = Databases.openDurable(url, null, null);
                HikariDataSource readOnly = Databases.openReadOnly(url, null, null)) {
            for (HikariDataSource pool : new HikariDataSource[] {shared, durable, readOnly}) {
                try (Connection c = pool.getConnection()) {
                    assertThat(c.unwrap(SQLiteConnection.class).getConnectionConfig().isGetGeneratedKeys())
                            .as(pool.getPoolName()).isFalse();
                }
            }
            try (Connection c = shared.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE t (v TEXT)");
                assertThat(s.executeUpdate("INSERT INTO t VALUES ('a'), ('b')")).isEqualTo(2);
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
                    r.next();
                    assertThat(r.getInt(1)).isEqualTo(2);
                }
            }
        }
    }

    @Test
    void durableWritesAreReadThroughTheSharedPool() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("state.db");
        try (HikariDataSource shared = Databases.open(url, null, null);
                HikariDataSource durable = Databases.openDurable(url, null, null)) {
            try (Connection c = durable.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE revoked (jti TEXT PRIMARY KEY)");
                s.executeUpdate("INSERT INTO revoked VALUES ('a')");
            }
            try (Connection c = shared.getConnection(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*) FROM revoked WHERE jti = 'a'")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void onlyASqliteFileGetsAPoolOfItsOwnForDurableWrites() {
        assertThat(Databases.separatesDurableWrites("jdbc:sqlite:" + dir.resolve("x.db"))).isTrue();
        assertThat(Databases.separatesDurableWrites("jdbc:sqlite::memory:")).isFalse();
        assertThat(Databases.separatesDurableWrites("jdbc:sqlite:file:x?mode=memory&cache=shared")).isFalse();
        assertThat(Databases.separatesDurableWrites("jdbc:postgresql://localhost/bulwark")).isFalse();
    }

    private static int synchronous(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA synchronous")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static String journalMode(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
            r.next();
            return r.getString(1);
        }
    }
}
