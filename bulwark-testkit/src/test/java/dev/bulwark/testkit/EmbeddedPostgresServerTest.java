package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedPostgresServerTest {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();

    @Test
    void servesTheDefaultDatabaseAndItsUrl() throws SQLException {
        assertThat(query(postgres.defaultDatabase(), "SELECT current_database()")).isEqualTo("postgres");
        assertThat(postgres.jdbcUrl()).startsWith("jdbc:postgresql://").contains("postgres");
    }

    @Test
    void freshDatabasesAreSeparateAndNamedAfterThePrefix() throws SQLException {
        DataSource first = postgres.freshDatabase("kit");
        DataSource second = postgres.freshDatabase("kit");
        String firstName = query(first, "SELECT current_database()");
        assertThat(firstName).startsWith("kit_");
        assertThat(query(second, "SELECT current_database()")).startsWith("kit_").isNotEqualTo(firstName);
        try (Connection c = first.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE only_in_first (v int)");
        }
        assertThat(query(second, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_in_first'"))
                .isEqualTo("0");
    }

    @Test
    void aFreshDatabaseUrlLeadsToANewEmptyDatabase() throws SQLException {
        String url = postgres.freshDatabaseUrl("by_url");
        assertThat(url).startsWith("jdbc:postgresql://").contains("by_url_");
        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", "postgres");
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT current_database()")) {
            r.next();
            assertThat(url).contains(r.getString(1));
            assertThat(r.getString(1)).startsWith("by_url_");
        }
    }

    @Test
    void createsADatabaseByName() throws SQLException {
        assertThat(query(postgres.createDatabase("named_db"), "SELECT current_database()")).isEqualTo("named_db");
    }

    @Test
    void refusesDatabaseNamesThatAreNotPlainIdentifiers() {
        for (String hostile : new String[] {"x; DROP DATABASE postgres", "Upper", "1digit", "", "a\"b"}) {
            assertThatThrownBy(() -> postgres.createDatabase(hostile)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a plain lower-case database name");
        }
        assertThatThrownBy(() -> postgres.createDatabase(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saysHowToRegisterItWhenNotStarted() {
        EmbeddedPostgresServer unregistered = new EmbeddedPostgresServer();
        assertThatThrownBy(unregistered::defaultDatabase).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@RegisterExtension");
    }

    private static String query(DataSource database, String sql) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
