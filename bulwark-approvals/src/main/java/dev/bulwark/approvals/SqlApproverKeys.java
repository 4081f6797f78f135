package dev.bulwark.approvals;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Agent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Approver keys: the credential a human approver presents to approve or deny. Deliberately separate from the user
 * tokens agents exchange for delegation, so that an agent holding a user's delegation token still cannot approve.
 *
 * <p>A key is {@code bwa_<user id>_<32 random bytes, base64url>}. Stored is HMAC-SHA256 of the key under a random
 * per-key salt (against a 256-bit random key a slow password hash adds nothing but latency); comparison is
 * constant-time. Issuing a key for a user replaces the previous one; one key per user.
 */
public final class SqlApproverKeys {
    static final String TABLE = "bulwark_approver_keys";
    private static final String PREFIX = "bwa_";
    private static final int SECRET_CHARS = 43;
    private static final int MAX_KEY_LENGTH = 512;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Clock clock;

    public SqlApproverKeys(DataSource dataSource, Clock clock) {
        this.dataSource = Checks.present(dataSource, "dataSource");
        this.clock = Checks.present(clock, "clock");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (user_id VARCHAR(128) PRIMARY KEY,"
                    + " key_salt TEXT NOT NULL, key_hash TEXT NOT NULL, created_at BIGINT NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the approver key table: " + e.getMessage(), e);
        }
    }

    /** Issues a new key for {@code userId}, replacing any earlier one; the key is shown once and never stored. */
    public String issue(String userId) {
        Agent.requireValidId(userId, "user id");
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + userId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] saltBytes = new byte[16];
        RANDOM.nextBytes(saltBytes);
        String salt = Base64.getEncoder().encodeToString(saltBytes);
        // One statement, so two replicas issuing for the same user at once both succeed and the last one wins.
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO "
                + TABLE + " (user_id, key_salt, key_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (user_id)"
                + " DO UPDATE SET key_salt = excluded.key_salt, key_hash = excluded.key_hash,"
                + " created_at = excluded.created_at")) {
            s.setString(1, userId);
            s.setString(2, salt);
            s.setString(3, hash(salt, key));
            s.setLong(4, clock.millis());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not issue an approver key: " + e.getMessage(), e);
        }
        return key;
    }

    /** Removes the user's key; returns whether there was one. */
    public boolean revoke(String userId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM " + TABLE + " WHERE user_id = ?")) {
            s.setString(1, userId);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("could not revoke an approver key: " + e.getMessage(), e);
        }
    }

    /** The user a presented key belongs to; empty for anything that is not a current approver key. */
    public Optional<String> userOf(String presented) {
        if (presented == null || presented.length() > MAX_KEY_LENGTH || !presented.startsWith(PREFIX)
                || presented.length() < PREFIX.length() + 2 + SECRET_CHARS) {
            return Optional.empty();
        }
        int split = presented.length() - SECRET_CHARS - 1;
        if (presented.charAt(split) != '_') {
            return Optional.empty();
        }
        String userId = presented.substring(PREFIX.length(), split);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT key_salt, key_hash FROM " + TABLE + " WHERE user_id = ?")) {
            s.setString(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                byte[] actual = hash(rs.getString(1), presented).getBytes(StandardCharsets.US_ASCII);
                byte[] expected = rs.getString(2).getBytes(StandardCharsets.US_ASCII);
                return MessageDigest.isEqual(actual, expected) ? Optional.of(userId) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not check an approver key: " + e.getMessage(), e);
        }
    }

    private static String hash(String salt, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(salt), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
