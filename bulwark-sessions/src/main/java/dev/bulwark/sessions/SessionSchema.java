package dev.bulwark.sessions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The session tables. Labels, recent tools and extensions are rows of their own, so that adding a label is an
 * insert-if-absent (a union no concurrent writer can undo) and a feature's blob needs no new column. The SQL is the
 * common subset of SQLite and PostgreSQL; times are epoch milliseconds.
 */
final class SessionSchema {
    static final String SESSIONS = "bulwark_sessions";
    static final String LABELS = "bulwark_session_labels";
    static final String TOOLS = "bulwark_session_tools";
    static final String EXTENSIONS = "bulwark_session_extensions";
    /** The advisory lock key of the session schema's creation ("BULWSES1" in ASCII). */
    private static final long SCHEMA_LOCK = 0x42554C5753455331L;

    private SessionSchema() {}

    /** Creates the tables if absent; on PostgreSQL replicas starting together take turns under an advisory lock. */
    static void ensure(DataSource database) {
        try (Connection c = database.getConnection()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            if (postgres) {
                query(c, "SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + SESSIONS + " (id TEXT PRIMARY KEY,"
                        + " agent_id TEXT NOT NULL, user_id TEXT NOT NULL, started_at BIGINT NOT NULL,"
                        + " last_used BIGINT NOT NULL, call_count BIGINT NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS bulwark_sessions_last_used ON " + SESSIONS + " (last_used)");
                s.execute("CREATE TABLE IF NOT EXISTS " + LABELS + " (session_id TEXT NOT NULL,"
                        + " label TEXT NOT NULL, PRIMARY KEY (session_id, label))");
                s.execute("CREATE TABLE IF NOT EXISTS " + TOOLS + " (session_id TEXT NOT NULL,"
                        + " seq BIGINT NOT NULL, tool TEXT NOT NULL, PRIMARY KEY (session_id, seq))");
                s.execute("CREATE TABLE IF NOT EXISTS " + EXTENSIONS + " (session_id TEXT NOT NULL,"
                        + " name TEXT NOT NULL, version BIGINT NOT NULL, data TEXT NOT NULL,"
                        + " PRIMARY KEY (session_id, name))");
            } finally {
                if (postgres) {
                    query(c, "SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create session tables: " + e.getMessage(), e);
        }
    }

    private static void query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
        }
    }
}
