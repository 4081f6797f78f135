package dev.bulwark.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Schema and helpers shared by the stores. The SQL is the common subset of SQLite and PostgreSQL ({@code TEXT},
 * {@code BIGINT}, {@code INSERT ... ON CONFLICT DO NOTHING}), so no dialect switch is needed. Times are epoch
 * milliseconds.
 */
final class Sql {
    static final String AGENTS = "bulwark_agents";
    static final String USERS = "bulwark_users";
    static final String REVOKED = "bulwark_revoked_tokens";

    private Sql() {}

    static void createTables(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + AGENTS + " ("
                    + "id VARCHAR(128) PRIMARY KEY, owner TEXT NOT NULL, roles TEXT NOT NULL, attributes TEXT NOT NULL,"
                    + " status VARCHAR(16) NOT NULL, created_at BIGINT NOT NULL,"
                    + " key_salt TEXT NOT NULL, key_hash TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS " + USERS + " ("
                    + "id VARCHAR(128) PRIMARY KEY, roles TEXT NOT NULL, attributes TEXT NOT NULL,"
                    + " created_at BIGINT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS " + REVOKED + " ("
                    + "jti VARCHAR(256) PRIMARY KEY, expires_at BIGINT NOT NULL, revoked_at BIGINT NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create identity tables: " + e.getMessage(), e);
        }
    }

    static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + ": " + e.getMessage(), e);
    }
}
