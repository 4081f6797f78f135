package dev.bulwark.sessions;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work in one transaction, retrying when the database reports a conflict it resolved by aborting us (PostgreSQL
 * serialization failure or deadlock, SQLite busy): the work is all-or-nothing, so a retry cannot half-apply it.
 */
final class Transactions {
    private static final int ATTEMPTS = 5;

    private Transactions() {}

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    static <T> T run(DataSource database, Work<T> work) throws SQLException {
        SQLException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (Connection c = database.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                boolean ended = false;
                try {
                    T result = work.run(c);
                    if (autoCommit) {
                        // turning auto-commit back on commits the transaction (JDBC); a separate commit() first
                        // would make SQLite's driver open a new transaction only to end it again
                        c.setAutoCommit(true);
                        ended = true;
                    } else {
                        c.commit();
                    }
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    // an Error too: the finally below turns auto-commit back on, which would commit half-done work
                    c.rollback();
                    throw e;
                } finally {
                    if (!ended) {
                        c.setAutoCommit(autoCommit);
                    }
                }
            } catch (SQLException e) {
                if (!retryable(e)) {
                    throw e;
                }
                last = e;
                sleepBriefly(attempt);
            }
        }
        throw last;
    }

    private static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        if ("40001".equals(state) || "40P01".equals(state)) {
            return true;
        }
        String message = String.valueOf(e.getMessage());
        return message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED");
    }

    private static void sleepBriefly(int attempt) {
        try {
            Thread.sleep(5L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
