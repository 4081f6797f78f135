package dev.bulwark.guards.action;

import dev.bulwark.spi.Checks;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A token vault in a SQL database (SQLite or PostgreSQL), shared by every gateway on that database: the same value,
 * type and session give the same token on every replica and after restarts, and any replica restores it. Tokens and
 * ciphertexts are made by {@link VaultCipher}; the database holds ciphertext only, each row bound to its token,
 * session and type, so edited or moved rows never decrypt.
 *
 * <p>Rows are written insert-if-absent, so replicas tokenizing one value at once all return the one token that won.
 * A token is restorable for {@link Limits#retention()} after it was last issued (the issue time is refreshed at most
 * once per tenth of the period, sparing a write per use); expired rows are refused and purged. New values are refused
 * once {@link Limits#maxEntries()} unexpired rows exist; each replica counts exactly when it reaches the bound and
 * otherwise every {@value #RECOUNT_EVERY} of its own inserts, so several replicas may overshoot by that many rows
 * each. Any database failure fails closed: tokenize and restore throw {@link IllegalStateException}.
 */
public final class JdbcTokenVault implements TokenVault {
    /** Longer originals are refused: no detector finding is that long, and rows stay small. */
    public static final int MAX_VALUE_BYTES = 64 * 1024;
    static final long RECOUNT_EVERY = 1_000;
    private static final int MAX_TOKEN_CHARS = 256;
    private static final long PURGE_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();

    /**
     * @param maxEntries bound on stored originals
     * @param retention  how long after its last issue a token stays restorable
     */
    public record Limits(long maxEntries, Duration retention) {
        public Limits {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be positive");
            }
            Objects.requireNonNull(retention, "retention");
            if (retention.toMillis() < 10) {
                throw new IllegalArgumentException("retention must be at least 10ms");
            }
        }
    }

    private record Row(String sessionId, String type, VaultCipher.Sealed sealed, long issuedAt) {
    }

    private final DataSource database;
    private final VaultCipher cipher;
    private final RestorePolicy policy;
    private final Limits limits;
    private final Clock clock;
    private long estimatedRows;
    private long insertsSinceCount;
    private long lastPurge;

    private JdbcTokenVault(DataSource database, VaultCipher cipher, RestorePolicy policy, Limits limits, Clock clock) {
        this.database = database;
        this.cipher = cipher;
        this.policy = policy;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Opens the vault, creating its tables when missing and purging expired rows.
     *
     * @param database  SQLite or PostgreSQL
     * @param masterKey 32 random bytes (copied); every replica on the database needs the same key
     * @throws IllegalStateException when the database is unusable or its vault was made with another master key
     */
    public static JdbcTokenVault open(DataSource database, byte[] masterKey, RestorePolicy policy, Limits limits,
                                      Clock clock) {
        JdbcTokenVault vault = new JdbcTokenVault(Objects.requireNonNull(database, "database"),
                new VaultCipher(masterKey), Objects.requireNonNull(policy, "policy"),
                Objects.requireNonNull(limits, "limits"), Objects.requireNonNull(clock, "clock"));
        try {
            VaultSchema.ensure(database, vault.cipher.keyCheck());
        } catch (SQLException e) {
            throw unavailable(e);
        }
        vault.recount();
        return vault;
    }

    @Override
    public String tokenize(String sessionId, String type, String value) {
        Checks.nonBlank(sessionId, "sessionId");
        Checks.nonBlank(type, "type");
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_VALUE_BYTES || value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value too long to tokenize (over " + MAX_VALUE_BYTES + " bytes)");
        }
        String token = cipher.token(sessionId, type, value);
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new IllegalArgumentException("type too long to tokenize: " + type.length() + " characters");
        }
        VaultCipher.Sealed sealed = cipher.seal(token, sessionId, type, value);
        try {
            long now = clock.millis();
            purgeIfDue(now);
            for (int attempt = 0; attempt < 3; attempt++) {
                if (settled(token, sessionId, type, value, sealed, now)) {
                    return token;
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        throw new IllegalStateException("token vault: the row for a token kept changing; refusing to tokenize");
    }

    /** True once a live row for {@code token} holds {@code value}; false when a concurrent writer won a race. */
    private boolean settled(String token, String sessionId, String type, String value, VaultCipher.Sealed sealed,
                            long now) throws SQLException {
        long cutoff = now - limits.retention().toMillis();
        try (Connection c = database.getConnection()) {
            Row row = read(c, token);
            if (row != null && row.issuedAt() >= cutoff) {
                if (!row.sessionId().equals(sessionId) || !row.type().equals(type)
                        || !cipher.open(token, row.sessionId(), row.type(), row.sealed()).equals(value)) {
                    throw new IllegalStateException("token collision or tampered entry in the vault");
                }
                if (row.issuedAt() < now - limits.retention().toMillis() / 10) {
                    update(c, "UPDATE pii_vault SET issued_at = ? WHERE token = ? AND issued_at < ?", now, token,
                            now - limits.retention().toMillis() / 10);
                }
                return true;
            }
            if (row != null) {
                update(c, "DELETE FROM pii_vault WHERE token = ? AND issued_at < ?", token, cutoff);
            }
            ensureRoom(c, now);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO pii_vault"
                    + " (token, session_id, type, iv, ciphertext, issued_at) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (token) DO NOTHING")) {
                s.setString(1, token);
                s.setString(2, sessionId);
                s.setString(3, type);
                s.setBytes(4, sealed.iv());
                s.setBytes(5, sealed.ciphertext());
                s.setLong(6, now);
                if (s.executeUpdate() == 1) {
                    synchronized (this) {
                        estimatedRows++;
                        insertsSinceCount++;
                    }
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public String restore(String token, RestoreAuthorisation authorisation) {
        Objects.requireNonNull(authorisation, "authorisation");
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw new RestoreDeniedException("unknown or expired token");
        }
        Row row;
        try (Connection c = database.getConnection()) {
            row = read(c, token);
        } catch (SQLException e) {
            throw unavailable(e);
        }
        if (row == null || row.issuedAt() < clock.millis() - limits.retention().toMillis()) {
            throw new RestoreDeniedException("unknown or expired token");
        }
        if (!policy.permits(authorisation, row.sessionId(), row.type())) {
            throw new RestoreDeniedException("not authorised to restore this token: " + authorisation.principalId());
        }
        return cipher.open(token, row.sessionId(), row.type(), row.sealed());
    }

    /** Deletes every expired row; returns how many. */
    public int purgeExpired() {
        long now = clock.millis();
        try (Connection c = database.getConnection()) {
            int purged = update(c, "DELETE FROM pii_vault WHERE issued_at < ?", now - limits.retention().toMillis());
            synchronized (this) {
                lastPurge = now;
                estimatedRows = Math.max(0, estimatedRows - purged);
            }
            return purged;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Rows stored, expired ones not yet purged included. */
    public long size() {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM pii_vault")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private void purgeIfDue(long now) {
        boolean due;
        synchronized (this) {
            due = now - lastPurge >= PURGE_EVERY_MILLIS || now < lastPurge;
        }
        if (due) {
            purgeExpired();
        }
    }

    /** Refuses a new row at the bound, counting exactly (after a purge) before refusing. */
    private void ensureRoom(Connection c, long now) throws SQLException {
        synchronized (this) {
            if (estimatedRows < limits.maxEntries() && insertsSinceCount < RECOUNT_EVERY) {
                return;
            }
        }
        long rows = recount(c, now);
        if (rows >= limits.maxEntries()) {
            throw new IllegalStateException("token vault is full (" + limits.maxEntries() + " entries)");
        }
    }

    private void recount() {
        try (Connection c = database.getConnection()) {
            recount(c, clock.millis());
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private long recount(Connection c, long now) throws SQLException {
        update(c, "DELETE FROM pii_vault WHERE issued_at < ?", now - limits.retention().toMillis());
        long rows;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM pii_vault")) {
            r.next();
            rows = r.getLong(1);
        }
        synchronized (this) {
            estimatedRows = rows;
            insertsSinceCount = 0;
            lastPurge = now;
        }
        return rows;
    }

    private static Row read(Connection c, String token) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT session_id, type, iv, ciphertext, issued_at FROM pii_vault WHERE token = ?")) {
            s.setString(1, token);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                byte[] iv = r.getBytes(3);
                byte[] ciphertext = r.getBytes(4);
                if (r.getString(1) == null || r.getString(2) == null || iv == null || ciphertext == null) {
                    throw new IllegalStateException("token vault row is incomplete (tampered)");
                }
                return new Row(r.getString(1), r.getString(2), new VaultCipher.Sealed(iv, ciphertext), r.getLong(5));
            }
        }
    }

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        }
    }

    private static IllegalStateException unavailable(SQLException e) {
        return new IllegalStateException("token vault unavailable: " + e.getMessage(), e);
    }
}
