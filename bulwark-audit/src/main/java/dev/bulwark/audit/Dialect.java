package dev.bulwark.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The few places where SQLite and PostgreSQL differ; every query is otherwise shared. */
enum Dialect {
    SQLITE("INTEGER"),
    POSTGRESQL("BIGINT");

    /** Every Bulwark writer of one PostgreSQL database takes this transaction-scoped advisory lock. */
    private static final long WRITE_LOCK = 0x42756c7761726bL; // "Bulwark"

    private final String sequenceType;

    Dialect(String sequenceType) {
        this.sequenceType = sequenceType;
    }

    static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        if ("SQLite".equalsIgnoreCase(product)) {
            return SQLITE;
        }
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            return POSTGRESQL;
        }
        throw new SQLException("the audit log runs on SQLite or PostgreSQL, not " + product);
    }

    List<String> schema() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS audit_record (sequence " + sequenceType + " PRIMARY KEY, "
                        + "time VARCHAR(32) NOT NULL, type VARCHAR(32) NOT NULL, action TEXT NOT NULL, "
                        + "outcome VARCHAR(16) NOT NULL, agent_id TEXT, user_id TEXT, session_id TEXT, "
                        + "reason TEXT NOT NULL, details TEXT NOT NULL, prev_hash CHAR(64) NOT NULL, "
                        + "hash CHAR(64) NOT NULL)",
                "CREATE TABLE IF NOT EXISTS audit_checkpoint (sequence " + sequenceType + " PRIMARY KEY, "
                        + "hash CHAR(64) NOT NULL, time VARCHAR(32) NOT NULL, key_id VARCHAR(64) NOT NULL, "
                        + "signature TEXT NOT NULL)");
    }

    /** Settings every connection needs before use. */
    void configure(Connection connection, SqliteSync sync) throws SQLException {
        if (this == SQLITE) {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA busy_timeout = 30000");
                s.execute("PRAGMA synchronous = " + sync.name());
            }
        }
    }

    /** Once per database, outside a transaction: WAL lets readers run beside the writer and commits cheaply. */
    void prepareDatabase(Connection connection) throws SQLException {
        if (this == SQLITE) {
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
            }
        }
    }

    /**
     * Starts a transaction that holds the database's single writer slot until it ends, so the chain head read in it
     * stays the head: {@code BEGIN IMMEDIATE} on SQLite, an advisory lock on PostgreSQL.
     */
    void beginWrite(Connection connection) throws SQLException {
        if (this == SQLITE) {
            // the driver's own transactions are deferred; this one must take the write lock before reading the head
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
        } else {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
            }
        }
    }

    void commit(Connection connection) throws SQLException {
        if (this == SQLITE) {
            try (Statement s = connection.createStatement()) {
                s.execute("COMMIT");
            }
        } else {
            connection.commit();
        }
    }

    /** Ends a failed write; never throws, the connection is discarded afterwards anyway. */
    void rollbackQuietly(Connection connection) {
        try {
            if (this == SQLITE) {
                if (!connection.isClosed()) {
                    try (Statement s = connection.createStatement()) {
                        s.execute("ROLLBACK");
                    }
                }
            } else {
                connection.rollback();
            }
        } catch (SQLException | RuntimeException ignored) {
            // nothing more to undo: the transaction is gone with the connection
        }
    }

    /**
     * Starts a read that sees one consistent state across several queries (used for the verification bounds).
     */
    void beginSnapshot(Connection connection) throws SQLException {
        if (this == POSTGRESQL) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        connection.setAutoCommit(false);
    }
}
