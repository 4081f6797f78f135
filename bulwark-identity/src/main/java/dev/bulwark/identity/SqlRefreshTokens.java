package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Refresh tokens with rotation (OAuth 2.1 §4.3.1): each use marks the token used and the caller issues a new one in the
 * same family. A used token presented again means it was copied (or the client misbehaves); the caller then revokes
 * the whole family. A family never outlives the expiry set when the user logged in: rotation does not extend it.
 */
final class SqlRefreshTokens {
    private final DataSource dataSource;
    private final Clock clock;

    SqlRefreshTokens(DataSource dataSource, Clock clock) {
        this.dataSource = Checks.present(dataSource, "dataSource");
        this.clock = Checks.present(clock, "clock");
        OAuthSql.createTables(dataSource);
    }

    sealed interface Use {
        record Valid(DelegatedGrant grant, Instant expiresAt) implements Use {}

        record Unknown() implements Use {}

        record Reused(String family, Instant expiresAt) implements Use {}
    }

    String issue(DelegatedGrant grant, Instant expiresAt) {
        String token = OpaqueTokens.random(32);
        String sql = "INSERT INTO " + OAuthSql.REFRESH + " (token_hash, family, client_id, user_id, agent_id, scopes,"
                + " expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)";
        try {
            Sql.inTransaction(dataSource, c -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, OpaqueTokens.digest(token));
                    s.setString(2, grant.family());
                    s.setString(3, grant.clientId());
                    s.setString(4, grant.userId());
                    s.setString(5, grant.agentId());
                    s.setString(6, JsonText.ofRoles(grant.scopes()));
                    s.setLong(7, expiresAt.toEpochMilli());
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + OAuthSql.REFRESH
                        + " WHERE expires_at < ?")) {
                    s.setLong(1, clock.millis() - 86_400_000L);
                    s.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw Sql.failure("could not store refresh token", e);
        }
        return token;
    }

    /** The families of a client's logins, each with its expiry. */
    java.util.Map<String, Instant> familiesOf(String clientId) {
        return familiesWhere("client_id", clientId);
    }

    /** The families of every login through an agent (any of its clients), each with its expiry. */
    java.util.Map<String, Instant> familiesOfAgent(String agentId) {
        return familiesWhere("agent_id", agentId);
    }

    /** @param column a fixed column name of this class, never caller text */
    private java.util.Map<String, Instant> familiesWhere(String column, String value) {
        java.util.Map<String, Instant> out = new java.util.LinkedHashMap<>();
        try (var c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT family,"
                + " MAX(expires_at) FROM " + OAuthSql.REFRESH + " WHERE " + column + " = ? GROUP BY family")) {
            s.setString(1, value);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("could not list refresh token families", e);
        }
        return out;
    }

    /** Reads the token and marks it used. */
    Use use(String token) {
        if (token == null || token.length() > 128) {
            return new Use.Unknown();
        }
        String hash = OpaqueTokens.digest(token);
        try {
            return Sql.inTransaction(dataSource, c -> {
                DelegatedGrant grant;
                long expires;
                try (PreparedStatement s = c.prepareStatement("SELECT family, client_id, user_id, agent_id, scopes,"
                        + " expires_at, used_at FROM " + OAuthSql.REFRESH + " WHERE token_hash = ?")) {
                    s.setString(1, hash);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            return new Use.Unknown();
                        }
                        expires = rs.getLong(6);
                        rs.getLong(7);
                        if (!rs.wasNull()) {
                            return new Use.Reused(rs.getString(1), Instant.ofEpochMilli(expires));
                        }
                        grant = new DelegatedGrant(rs.getString(2), rs.getString(3), rs.getString(4),
                                JsonText.roles(rs.getString(5)), rs.getString(1));
                    }
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE " + OAuthSql.REFRESH
                        + " SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")) {
                    s.setLong(1, clock.millis());
                    s.setString(2, hash);
                    if (s.executeUpdate() != 1) {
                        return new Use.Reused(grant.family(), Instant.ofEpochMilli(expires));
                    }
                }
                return new Use.Valid(grant, Instant.ofEpochMilli(expires));
            });
        } catch (SQLException e) {
            throw Sql.failure("could not use refresh token", e);
        }
    }
}
