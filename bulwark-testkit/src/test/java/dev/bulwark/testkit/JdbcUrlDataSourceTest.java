package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcUrlDataSourceTest {
    @TempDir
    Path dir;

    @Test
    void opensANewConnectionToTheSameDatabaseEachTime() throws SQLException {
        JdbcUrlDataSource database = new JdbcUrlDataSource("jdbc:sqlite:" + dir.resolve("url.db"));
        try (Connection first = database.getConnection(); Statement s = first.createStatement()) {
            s.execute("CREATE TABLE t (v INTEGER)");
            s.execute("INSERT INTO t VALUES (7)");
        }
        try (Connection second = database.getConnection()) {
            assertThat(pragma(second, "SELECT v FROM t")).isEqualTo("7");
        }
    }

    @Test
    void sqliteWalOpensTheFileInWalModeWithABusyTimeout() throws SQLException {
        try (Connection c = JdbcUrlDataSource.sqliteWal(dir.resolve("wal.db")).getConnection()) {
            assertThat(pragma(c, "PRAGMA journal_mode")).isEqualToIgnoringCase("wal");
            assertThat(pragma(c, "PRAGMA busy_timeout")).isEqualTo("10000");
        }
    }

    @Test
    void neverShowsItsPropertiesWhichMayHoldAPassword() {
        Properties secret = new Properties();
        secret.setProperty("password", "hunter2");
        JdbcUrlDataSource database = new JdbcUrlDataSource("jdbc:sqlite::memory:", secret);
        assertThat(database.toString()).contains("jdbc:sqlite::memory:").doesNotContain("hunter2");
        assertThat(database.url()).isEqualTo("jdbc:sqlite::memory:");
    }

    @Test
    void rejectsWhatIsNotAJdbcUrl() {
        assertThatThrownBy(() -> new JdbcUrlDataSource("sqlite:/tmp/x.db")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JDBC URL");
        assertThatThrownBy(() -> new JdbcUrlDataSource(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesCredentialsPerCall() {
        JdbcUrlDataSource database = new JdbcUrlDataSource("jdbc:sqlite:" + dir.resolve("creds.db"));
        assertThatThrownBy(() -> database.getConnection("postgres", "postgres"))
                .isInstanceOf(SQLException.class).hasMessageContaining("in the URL or the properties");
    }

    @Test
    void anUnknownDriverFailsOnConnect() {
        JdbcUrlDataSource database = new JdbcUrlDataSource("jdbc:nosuchdriver://x");
        assertThatThrownBy(database::getConnection).isInstanceOf(SQLException.class);
    }

    @Test
    void isNoWrapperAndHasNoLogger() {
        JdbcUrlDataSource database = new JdbcUrlDataSource("jdbc:sqlite::memory:");
        assertThat(database.isWrapperFor(JdbcUrlDataSource.class)).isFalse();
        assertThatThrownBy(() -> database.unwrap(JdbcUrlDataSource.class)).isInstanceOf(SQLException.class);
        assertThatThrownBy(database::getParentLogger).isInstanceOf(SQLException.class);
        assertThat(database.getLoginTimeout()).isZero();
    }

    private static String pragma(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
