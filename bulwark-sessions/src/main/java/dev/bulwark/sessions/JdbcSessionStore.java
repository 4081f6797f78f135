package dev.bulwark.sessions;

import static dev.bulwark.sessions.SessionSchema.EXTENSIONS;
import static dev.bulwark.sessions.SessionSchema.LABELS;
import static dev.bulwark.sessions.SessionSchema.SESSIONS;
import static dev.bulwark.sessions.SessionSchema.TOOLS;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.session.SessionExtension;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.session.SessionLimits;
import dev.bulwark.spi.session.SessionRefusedException;
import dev.bulwark.spi.session.SessionStore;
import dev.bulwark.spi.sql.KeptStatements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Sessions in a SQL database (SQLite or PostgreSQL), shared by every gateway on it and kept across restarts.
 *
 * <p>Every update is one transaction whose first statement writes the session's row, so updates of one session are
 * serialized by that row's lock (PostgreSQL) or the database's write lock (SQLite). Labels are added with
 * insert-if-absent, so a label, once recorded, is never lost to a concurrent writer; the call count is incremented in
 * SQL. A session idle longer than the timeout starts afresh on next use and is deleted by {@link #purgeExpired}.
 * Reading a session used within the last second writes nothing (its last use was just written by the call that
 * recorded it), so a busy session costs one write transaction per call, not two.
 *
 * <p>Statements are kept prepared per pooled physical connection ({@link KeptStatements}): preparing (SQLite parses and
 * plans the text every time) was most of a call's cost. The database is still read in every transaction.
 */
public final class JdbcSessionStore implements SessionStore {
    private static final String NO_USER = "";
    /** At most this long (or a hundredth of the idle timeout, if less) between writes of a busy session's last use. */
    private static final long MAX_TOUCH_MILLIS = 1_000;

    private final DataSource database;
    private final Duration idleTimeout;
    private final int maxSessions;
    private final SessionLimits limits;
    private final InstantSource clock;
    private final KeptStatements kept = new KeptStatements();
    /** How stale a session's recorded last use may be before {@link #current} writes it again. */
    private final long touchMillis;

    public JdbcSessionStore(DataSource database, Duration idleTimeout, int maxSessions, SessionLimits limits,
                            InstantSource clock) {
        this.database = Checks.present(database, "database");
        this.idleTimeout = Checks.present(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1");
        }
        this.maxSessions = maxSessions;
        this.limits = Checks.present(limits, "limits");
        this.clock = Checks.present(clock, "clock");
        this.touchMillis = Math.min(MAX_TOUCH_MILLIS, idleTimeout.toMillis() / 100);
        SessionSchema.ensure(database);
    }

    @Override
    public SessionFacts current(String sessionId, Principal principal) throws SessionRefusedException {
        Checks.nonBlank(sessionId, "sessionId");
        Checks.present(principal, "principal");
        String agent = principal.agent().id();
        String user = principal.user().isPresent() ? principal.user().get().id() : NO_USER;
        long now = clock.millis();
        long cutoff = now - idleTimeout.toMillis();
        try {
            SessionFacts recent = recentlyUsed(sessionId, agent, user, now);
            if (recent != null) {
                return recent;
            }
            SessionFacts facts = Transactions.run(database, c -> {
                if (update(c, "UPDATE " + SESSIONS + " SET last_used = ? WHERE id = ? AND agent_id = ?"
                        + " AND user_id = ? AND last_used >= ?", now, sessionId, agent, user, cutoff) == 0
                        && !open(c, sessionId, agent, user, now, cutoff)) {
                    return null;
                }
                return read(c, sessionId);
            });
            if (facts == null) {
                throw new SessionRefusedException("session " + sessionId + " belongs to another principal");
            }
            return facts;
        } catch (SessionFullException e) {
            throw new SessionRefusedException(e.getMessage());
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * The facts of a session of this principal whose last use was recorded less than {@link #touchMillis} ago, read
     * in one statement without a write; null when it is not such a session (absent, another principal's, expired, or
     * due for its last use to be written), which the caller then settles in a write transaction. Every completed call
     * writes the last use ({@link #recordCall}), so a busy session's reads need not: its recorded last use lags the
     * real one by less than {@link #touchMillis}, so it can expire that much before its idle timeout, never after.
     */
    private SessionFacts recentlyUsed(String id, String agent, String user, long now) throws SQLException {
        SessionRead read;
        try (Connection c = database.getConnection()) {
            read = kept.use(c, SessionRead.SQL, s -> SessionRead.of(s, id));
        }
        return read != null && read.lastUsed() >= now - touchMillis && agent.equals(read.agent())
                && user.equals(read.user()) ? read.facts() : null;
    }

    /** Opens the session afresh if it is absent or expired; false when a live session of another principal holds it. */
    private boolean open(Connection c, String id, String agent, String user, long now, long cutoff)
            throws SQLException, SessionFullException {
        if (update(c, "DELETE FROM " + SESSIONS + " WHERE id = ? AND last_used < ?", id, cutoff) == 1) {
            deleteChildren(c, id);
        }
        record Holder(String agent, String user) {}
        Holder holder = kept.use(c, "SELECT agent_id, user_id FROM " + SESSIONS + " WHERE id = ?", s -> {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new Holder(r.getString(1), r.getString(2)) : null;
            }
        });
        if (holder != null) {
            return agent.equals(holder.agent()) && user.equals(holder.user())
                    && update(c, "UPDATE " + SESSIONS + " SET last_used = ? WHERE id = ?", now, id) == 1;
        }
        if (count(c, "SELECT COUNT(*) FROM " + SESSIONS + " WHERE last_used >= ?", cutoff) >= maxSessions) {
            throw new SessionFullException();
        }
        // leftovers of a session purged while its children were being deleted: attach to nobody
        deleteChildren(c, id);
        if (update(c, "INSERT INTO " + SESSIONS + " (id, agent_id, user_id, started_at, last_used, call_count)"
                + " VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (id) DO NOTHING", id, agent, user, now, now) == 1) {
            return true;
        }
        throw new SQLException("session created concurrently", "40001");
    }

    @Override
    public void recordCall(String sessionId, String toolName, Set<String> labelsSeen) {
        Checks.nonBlank(sessionId, "sessionId");
        Checks.nonBlank(toolName, "toolName");
        if (toolName.length() > SessionLimits.MAX_TOOL_NAME_LENGTH) {
            throw new IllegalStateException("tool name too long to record");
        }
        if (toolName.indexOf('\0') >= 0) {
            // PostgreSQL refuses it, and SQLite's length() stops at it, which would leave the recent tools unreadable
            throw new IllegalStateException("tool name with a NUL character cannot be recorded");
        }
        Set<String> labels = Set.copyOf(Checks.present(labelsSeen, "labelsSeen"));
        labels.forEach(limits::checkLabel);
        if (labels.size() > limits.maxLabels()) {
            throw new IllegalStateException("session would hold more than " + limits.maxLabels() + " labels");
        }
        long now = clock.millis();
        try {
            Transactions.run(database, c -> {
                long seq = countCall(c, sessionId, now);
                if (!labels.isEmpty() && insertLabels(c, sessionId, labels) > 0
                        && count(c, "SELECT COUNT(*) FROM " + LABELS + " WHERE session_id = ?", sessionId)
                        > limits.maxLabels()) {
                    // rolled back: every label already seen stays, and the caller withholds this output
                    throw new IllegalStateException("session would hold more than " + limits.maxLabels() + " labels");
                }
                update(c, "INSERT INTO " + TOOLS + " (session_id, seq, tool) VALUES (?, ?, ?)", sessionId, seq,
                        toolName);
                // call numbers start at 1, so until the window is full there is nothing older to drop
                if (seq > limits.recentTools()) {
                    update(c, "DELETE FROM " + TOOLS + " WHERE session_id = ? AND seq <= ?", sessionId,
                            seq - limits.recentTools());
                }
                return null;
            });
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<SessionExtension> extension(String sessionId, String name) {
        Checks.nonBlank(sessionId, "sessionId");
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT version, data FROM " + EXTENSIONS + " WHERE session_id = ? AND name = ?")) {
            s.setString(1, sessionId);
            s.setString(2, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new SessionExtension(name, r.getLong(1),
                        Base64.getDecoder().decode(r.getString(2)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public boolean replaceExtension(String sessionId, String name, long expectedVersion, byte[] data) {
        Checks.nonBlank(sessionId, "sessionId");
        limits.checkExtension(name, data);
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must be >= 0");
        }
        String encoded = Base64.getEncoder().encodeToString(data);
        long now = clock.millis();
        try {
            return Transactions.run(database, c -> {
                requireOpen(c, "UPDATE " + SESSIONS + " SET last_used = ? WHERE id = ? AND last_used >= ?",
                        sessionId, now);
                if (expectedVersion > 0) {
                    return update(c, "UPDATE " + EXTENSIONS + " SET version = ?, data = ? WHERE session_id = ?"
                            + " AND name = ? AND version = ?", expectedVersion + 1, encoded, sessionId, name,
                            expectedVersion) == 1;
                }
                if (count(c, "SELECT COUNT(*) FROM " + EXTENSIONS + " WHERE session_id = ? AND name = ?",
                        sessionId, name) > 0) {
                    return false;
                }
                if (count(c, "SELECT COUNT(*) FROM " + EXTENSIONS + " WHERE session_id = ?", sessionId)
                        >= limits.maxExtensions()) {
                    throw new IllegalArgumentException("session holds " + limits.maxExtensions()
                            + " extensions already");
                }
                return update(c, "INSERT INTO " + EXTENSIONS + " (session_id, name, version, data)"
                        + " VALUES (?, ?, 1, ?) ON CONFLICT (session_id, name) DO NOTHING", sessionId, name,
                        encoded) == 1;
            });
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Deletes sessions idle longer than the timeout, then rows left without a session. A session touched meanwhile
     * is not deleted (the condition is re-checked under the row lock), so no live session loses a label.
     */
    public int purgeExpired() {
        long cutoff = clock.millis() - idleTimeout.toMillis();
        try {
            int purged = Transactions.run(database, c ->
                    update(c, "DELETE FROM " + SESSIONS + " WHERE last_used < ?", cutoff));
            for (String table : new String[] {LABELS, TOOLS, EXTENSIONS}) {
                Transactions.run(database, c -> update(c, "DELETE FROM " + table + " WHERE NOT EXISTS (SELECT 1 FROM "
                        + SESSIONS + " WHERE " + SESSIONS + ".id = " + table + ".session_id)"));
            }
            return purged;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Sessions stored, expired ones not yet purged included. */
    public long size() {
        try (Connection c = database.getConnection()) {
            return count(c, "SELECT COUNT(*) FROM " + SESSIONS);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Connections with statements kept, for tests. */
    int keptConnections() {
        return kept.connections();
    }

    /** The row, its labels and its tools in one round trip. */
    private SessionFacts read(Connection c, String id) throws SQLException {
        SessionRead read = kept.use(c, SessionRead.SQL, s -> SessionRead.of(s, id));
        if (read == null) {
            throw new SQLException("session vanished", "40001");
        }
        return read.facts();
    }

    /**
     * Counts one call of an open session and returns its number, in one statement that writes the session's row
     * first (so it takes the row's lock before anything else in the transaction, as every update here does).
     */
    private long countCall(Connection c, String id, long now) throws SQLException {
        long seq = kept.use(c, "UPDATE " + SESSIONS + " SET call_count = call_count + 1,"
                + " last_used = ? WHERE id = ? AND last_used >= ? RETURNING call_count", s -> {
            bind(s, now, id, now - idleTimeout.toMillis());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : -1L;
            }
        });
        if (seq < 0) {
            throw new IllegalStateException("session " + id + " is not open");
        }
        return seq;
    }

    /** Adds the labels the session lacks in one statement; returns how many were new. */
    private int insertLabels(Connection c, String id, Set<String> labels) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO " + LABELS + " (session_id, label) VALUES ");
        Object[] values = new Object[labels.size() * 2];
        int i = 0;
        for (String label : labels) {
            sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
            values[i++] = id;
            values[i++] = label;
        }
        return update(c, sql.append(" ON CONFLICT (session_id, label) DO NOTHING").toString(), values);
    }

    private void requireOpen(Connection c, String touch, String id, long now) throws SQLException {
        if (update(c, touch, now, id, now - idleTimeout.toMillis()) == 0) {
            throw new IllegalStateException("session " + id + " is not open");
        }
    }

    private void deleteChildren(Connection c, String id) throws SQLException {
        for (String table : new String[] {LABELS, TOOLS, EXTENSIONS}) {
            update(c, "DELETE FROM " + table + " WHERE session_id = ?", id);
        }
    }

    private int update(Connection c, String sql, Object... values) throws SQLException {
        return kept.use(c, sql, s -> {
            bind(s, values);
            return s.executeUpdate();
        });
    }

    private long count(Connection c, String sql, Object... values) throws SQLException {
        return kept.use(c, sql, s -> {
            bind(s, values);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0L;
            }
        });
    }

    private static void bind(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Long l) {
                s.setLong(i + 1, l);
            } else {
                s.setString(i + 1, (String) values[i]);
            }
        }
    }

    private static IllegalStateException unavailable(SQLException e) {
        return new IllegalStateException("session store unavailable: " + e.getMessage(), e);
    }

    /** No room for another live session; surfaces as a refusal. */
    private static final class SessionFullException extends SQLException {
        SessionFullException() {
            super("too many active sessions; try again later", "BWS01");
        }
    }
}
