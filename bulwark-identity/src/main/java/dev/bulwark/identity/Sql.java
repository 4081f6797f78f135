package dev.bulwark.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
    /** Every agent and user id, with its kind: the primary key makes the two kinds one namespace across replicas. */
    static final String PRINCIPAL_IDS = "bulwark_principal_ids";

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
            s.execute("CREATE TABLE IF NOT EXISTS " + PRINCIPAL_IDS + " ("
                    + "id VARCHAR(128) PRIMARY KEY, kind VARCHAR(8) NOT NULL)");
            // Databases from before the shared namespace: claim the ids already registered (agents first). An id held
            // by both an agent and a user stays ambiguous and is reported by SqlUserStore.ambiguousIds().
            s.execute("INSERT INTO " + PRINCIPAL_IDS + " (id, kind) SELECT id, 'agent' FROM " + AGENTS
                    + " WHERE true ON CONFLICT (id) DO NOTHING");
            s.execute("INSERT INTO " + PRINCIPAL_IDS + " (id, kind) SELECT id, 'user' FROM " + USERS
                    + " WHERE true ON CONFLICT (id) DO NOTHING");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create identity tables: " + e.getMessage(), e);
        }
    }

    /**
     * Claims {@code id} for a principal of {@code kind} inside the caller's transaction; throws when any principal
     * already holds it. Concurrent claims of one id from several replicas: the primary key lets exactly one win.
     */
    static void claimId(Connection c, String id, PrincipalKind kind) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + PRINCIPAL_IDS + " (id, kind) VALUES (?, ?)"
                + " ON CONFLICT (id) DO NOTHING")) {
            s.setString(1, id);
            s.setString(2, kind.label);
            if (s.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT kind FROM " + PRINCIPAL_IDS + " WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                throw new IdTakenException(id, rs.next() ? PrincipalKind.fromLabel(rs.getString(1)) : kind);
            }
        }
    }

    /** Runs {@code work} in one transaction on one connection, rolling back on any exception. */
    static <T> T inTransaction(DataSource dataSource, SqlWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                // an Error too: the finally below turns auto-commit back on, which would commit half-done work
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + ": " + e.getMessage(), e);
    }
}
