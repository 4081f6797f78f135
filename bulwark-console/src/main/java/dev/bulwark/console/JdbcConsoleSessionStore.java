package dev.bulwark.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Console sessions in a JDBC database (SQLite or PostgreSQL; their common SQL), so they survive a restart and every
 * replica on the database sees them. Times are epoch milliseconds. The limit is checked and the row inserted in one
 * transaction; two replicas signing people in at the same instant may pass it by one each.
 */
public final class JdbcConsoleSessionStore implements ConsoleSessionStore {
    static final String TABLE = "bulwark_console_sessions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Set<String>> STRINGS = new TypeReference<>() { };
    private final DataSource dataSource;

    public JdbcConsoleSessionStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (lookup VARCHAR(64) PRIMARY KEY,"
                    + " user_id TEXT NOT NULL, role VARCHAR(16) NOT NULL, roles TEXT NOT NULL, sealed TEXT NOT NULL,"
                    + " created_at BIGINT NOT NULL, last_seen BIGINT NOT NULL)");
        } catch (SQLException e) {
            throw failure("could not create the console sessions table", e);
        }
    }

    @Override
    public boolean insert(Row row, int max, Instant idleSince, Instant bornSince) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + TABLE
                        + " WHERE last_seen <= ? OR created_at <= ?")) {
                    s.setLong(1, idleSince.toEpochMilli());
                    s.setLong(2, bornSince.toEpochMilli());
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + TABLE);
                     ResultSet r = s.executeQuery()) {
                    if (r.next() && r.getLong(1) >= max) {
                        c.rollback();
                        return false;
                    }
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE
                        + " (lookup, user_id, role, roles, sealed, created_at, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, row.lookup());
                    s.setString(2, row.userId());
                    s.setString(3, row.role().name());
                    s.setString(4, JSON.writeValueAsString(row.roles()));
                    s.setString(5, Base64.getEncoder().encodeToString(row.sealed()));
                    s.setLong(6, row.createdAt().toEpochMilli());
                    s.setLong(7, row.lastSeen().toEpochMilli());
                    s.executeUpdate();
                }
                c.commit();
                return true;
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw failure("could not store a console session", e);
        }
    }

    @Override
    public Optional<Row> find(String lookup) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT user_id, role, roles, sealed, created_at, last_seen FROM "
                     + TABLE + " WHERE lookup = ?")) {
            s.setString(1, lookup);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(lookup, r.getString(1), ConsoleRole.valueOf(r.getString(2)),
                        JSON.readValue(r.getString(3), STRINGS), Base64.getDecoder().decode(r.getString(4)),
                        Instant.ofEpochMilli(r.getLong(5)), Instant.ofEpochMilli(r.getLong(6))));
            }
        } catch (SQLException | JsonProcessingException | IllegalArgumentException e) {
            throw failure("could not read a console session", e); // fail closed: the servlet answers no session
        }
    }

    @Override
    public void touch(String lookup, Instant lastSeen) {
        update("UPDATE " + TABLE + " SET last_seen = ? WHERE lookup = ? AND last_seen < ?", lookup, lastSeen);
    }

    @Override
    public void delete(String lookup) {
        update("DELETE FROM " + TABLE + " WHERE lookup = ?", lookup, null);
    }

    @Override
    public int size() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + TABLE);
             ResultSet r = s.executeQuery()) {
            return r.next() ? r.getInt(1) : 0;
        } catch (SQLException e) {
            throw failure("could not count console sessions", e);
        }
    }

    private void update(String sql, String lookup, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (at == null) {
                s.setString(1, lookup);
            } else {
                s.setLong(1, at.toEpochMilli());
                s.setString(2, lookup);
                s.setLong(3, at.toEpochMilli());
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("could not update a console session", e);
        }
    }

    private static IllegalStateException failure(String what, Exception e) {
        return new IllegalStateException(what + ": " + e.getMessage(), e);
    }
}
