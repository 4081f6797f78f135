package dev.bulwark.spi.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Statements made on every request (identity's agent row and revocation check, the session store's per-call reads and
 * writes), each kept prepared on the physical connection behind a pool's wrapper instead of prepared anew per request:
 * SQLite parses and plans the SQL text on every prepare, which was most of their CPU time in profiles. The SQL, its
 * parameters and its answer are the same; the database is still read every time, and a statement runs in whatever
 * transaction its connection is in, as one prepared on the borrowed wrapper would. Result sets must be closed inside
 * the use (closing resets the statement) before the connection goes back.
 *
 * <p>A kept statement is used only by the borrower of its connection, so this is for pools and plain data sources,
 * which lend a connection to one caller at a time. A statement whose use failed is closed and prepared again next
 * time; statements of connections that have since closed are forgotten whenever a new connection is seen.
 */
public final class KeptStatements {
    /** What to do with the prepared statement: bind, execute, read and close the result set. */
    @FunctionalInterface
    public interface Query<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /** Per physical connection, its statements by SQL text; the inner map is touched only by the borrower. */
    private final Map<Connection, Map<String, PreparedStatement>> kept = new IdentityHashMap<>();

    /** Runs {@code query} with {@code sql} prepared on {@code borrowed}'s physical connection (once per connection). */
    public <T> T use(Connection borrowed, String sql, Query<T> query) throws SQLException {
        Connection physical = physical(borrowed);
        Map<String, PreparedStatement> statements = statementsOf(physical);
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
            statements.put(sql, statement);
        }
        try {
            return query.run(statement);
        } catch (SQLException | RuntimeException e) {
            statements.remove(sql);
            closeQuietly(statement, e);
            throw e;
        }
    }

    /** Connections with kept statements, for tests. */
    public synchronized int connections() {
        return kept.size();
    }

    private synchronized Map<String, PreparedStatement> statementsOf(Connection physical) throws SQLException {
        Map<String, PreparedStatement> statements = kept.get(physical);
        if (statements == null) {
            for (var it = kept.keySet().iterator(); it.hasNext(); ) {
                if (it.next().isClosed()) {
                    it.remove();
                }
            }
            statements = new HashMap<>();
            kept.put(physical, statements);
        }
        return statements;
    }

    /** The driver's connection behind a pool's wrapper; the connection itself when it wraps none. */
    private static Connection physical(Connection borrowed) {
        try {
            Connection inner = borrowed.unwrap(Connection.class);
            return inner == null ? borrowed : inner;
        } catch (SQLException notAWrapper) {
            return borrowed;
        }
    }

    private static void closeQuietly(PreparedStatement statement, Exception cause) {
        try {
            statement.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
