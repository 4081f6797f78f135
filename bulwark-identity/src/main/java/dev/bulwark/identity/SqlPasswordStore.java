package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Password credentials of users who log in at Bulwark's own login page (Argon2id, {@link PasswordHash}). A user
 * without a password cannot log in here (they may still log in through a federated identity provider).
 */
public final class SqlPasswordStore {
    private final DataSource dataSource;
    private final SqlUserStore users;
    private final Clock clock;

    public SqlPasswordStore(DataSource dataSource, SqlUserStore users, Clock clock) {
        this.dataSource = Checks.present(dataSource, "dataSource");
        this.users = Checks.present(users, "users");
        this.clock = Checks.present(clock, "clock");
        OAuthSql.createTables(dataSource);
    }

    /**
     * Sets (or replaces) the user's password.
     *
     * @throws IllegalArgumentException when the user is unknown or the password is too short or too long
     */
    public void set(String userId, String password) {
        if (users.find(userId).isEmpty()) {
            throw new IllegalArgumentException("unknown user " + userId);
        }
        String hash = PasswordHash.hash(password);
        String sql = "INSERT INTO " + OAuthSql.PASSWORDS + " (user_id, hash, updated_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, userId);
            s.setString(2, hash);
            s.setLong(3, clock.millis());
            s.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("could not store password", e);
        }
    }

    /** Whether the user has a password here. */
    public boolean has(String userId) {
        return stored(userId).isPresent();
    }

    /**
     * Whether the password is right. An unknown user or one without a password costs the same hash time and is
     * {@code false}, so response times do not tell which users exist.
     */
    public boolean verify(String userId, String password) {
        Optional<String> stored = stored(userId);
        return stored.isPresent() ? PasswordHash.matches(stored.get(), password) : PasswordHash.decoy(password);
    }

    private Optional<String> stored(String userId) {
        if (userId == null || userId.length() > 128) {
            return Optional.empty();
        }
        String sql = "SELECT hash FROM " + OAuthSql.PASSWORDS + " WHERE user_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure("could not read password", e);
        }
    }
}
