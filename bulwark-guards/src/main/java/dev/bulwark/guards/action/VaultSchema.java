package dev.bulwark.guards.action;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The tables of {@link JdbcTokenVault}: {@code pii_vault} (one row per token) and {@code pii_vault_key}, which records
 * which master key the rows were sealed with, so that a replica started with another key is refused at once instead
 * of failing on every restore.
 */
final class VaultSchema {
    private VaultSchema() {}

    static void ensure(DataSource database, String keyCheck) throws SQLException {
        try (Connection c = database.getConnection()) {
            String bytes = bytesType(c);
            // PostgreSQL's CREATE ... IF NOT EXISTS is not safe against a concurrent creator (the loser fails on a
            // catalog index), so replicas starting together take turns under an advisory lock. SQLite serialises
            // schema changes itself.
            boolean postgres = bytes.equals("BYTEA");
            if (postgres) {
                lock(c, "SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
            }
            try {
                create(c, bytes);
            } finally {
                if (postgres) {
                    lock(c, "SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO pii_vault_key (id, key_check) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
                s.setString(1, keyCheck);
                s.executeUpdate();
            }
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT key_check FROM pii_vault_key WHERE id = 1")) {
                if (!r.next() || !keyCheck.equals(r.getString(1))) {
                    throw new IllegalStateException("the token vault in this database was sealed with another "
                            + "master key: every gateway sharing the database needs the same key");
                }
            }
        }
    }

    /** The advisory lock key of the vault's schema creation ("BULWARK1" in ASCII). */
    private static final long SCHEMA_LOCK = 0x42554C5741524B31L;

    private static void lock(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
        }
    }

    private static void create(Connection c, String bytes) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS pii_vault (token TEXT PRIMARY KEY,"
                    + " session_id TEXT NOT NULL, type TEXT NOT NULL, iv " + bytes + " NOT NULL,"
                    + " ciphertext " + bytes + " NOT NULL, issued_at BIGINT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS pii_vault_issued ON pii_vault (issued_at)");
            s.execute("CREATE TABLE IF NOT EXISTS pii_vault_key (id INTEGER PRIMARY KEY, key_check TEXT NOT NULL)");
        }
    }

    /** BLOB on SQLite, BYTEA on PostgreSQL; anything else is refused rather than guessed. */
    private static String bytesType(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("sqlite")) {
            return "BLOB";
        }
        if (product.contains("postgres")) {
            return "BYTEA";
        }
        throw new IllegalStateException("the token vault supports SQLite and PostgreSQL, not " + product);
    }
}
