package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Authorization codes: single use, short-lived, bound to the client, the redirect URI and the PKCE challenge. A code
 * is marked used in the same transaction that reads it, so two replicas redeeming one code at once cannot both
 * succeed; a second redemption is reported as {@link Redemption.Reused} so the caller can revoke what the first
 * one issued (OAuth 2.1 §4.1.3).
 */
final class SqlAuthorizationCodes {
    private final DataSource dataSource;
    private final Clock clock;

    SqlAuthorizationCodes(DataSource dataSource, Clock clock) {
        this.dataSource = Checks.present(dataSource, "dataSource");
        this.clock = Checks.present(clock, "clock");
        OAuthSql.createTables(dataSource);
    }

    sealed interface Redemption {
        record Valid(DelegatedGrant grant, String redirectUri, String challenge, Instant expiresAt)
                implements Redemption {}

        record Unknown() implements Redemption {}

        record Reused(String family) implements Redemption {}
    }

    String issue(DelegatedGrant grant, String redirectUri, String challenge, Instant expiresAt) {
        String code = OpaqueTokens.random(32);
        String sql = "INSERT INTO " + OAuthSql.CODES + " (code_hash, client_id, redirect_uri, challenge, user_id,"
                + " agent_id, scopes, family, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)";
        try {
            Sql.inTransaction(dataSource, c -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, OpaqueTokens.digest(code));
                    s.setString(2, grant.clientId());
                    s.setString(3, redirectUri);
                    s.setString(4, challenge);
                    s.setString(5, grant.userId());
                    s.setString(6, grant.agentId());
                    s.setString(7, JsonText.ofRoles(grant.scopes()));
                    s.setString(8, grant.family());
                    s.setLong(9, expiresAt.toEpochMilli());
                    s.executeUpdate();
                }
                // Expired codes are of no use to anyone; drop those older than a day with each new one.
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + OAuthSql.CODES
                        + " WHERE expires_at < ?")) {
                    s.setLong(1, clock.millis() - 86_400_000L);
                    s.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw Sql.failure("could not store authorization code", e);
        }
        return code;
    }

    /** Marks every unused code of a client used; answers the families of all its codes, each with a bound expiry. */
    java.util.Set<String> spendAll(String clientId) {
        return spendAllWhere("client_id", clientId);
    }

    /** Marks every unused code issued for an agent (through any client) used; answers the families of its codes. */
    java.util.Set<String> spendAllOfAgent(String agentId) {
        return spendAllWhere("agent_id", agentId);
    }

    /** @param column a fixed column name of this class, never caller text */
    private java.util.Set<String> spendAllWhere(String column, String value) {
        java.util.Set<String> families = new java.util.LinkedHashSet<>();
        try {
            Sql.inTransaction(dataSource, c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT family FROM " + OAuthSql.CODES
                        + " WHERE " + column + " = ?")) {
                    s.setString(1, value);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            families.add(rs.getString(1));
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE " + OAuthSql.CODES + " SET used_at = ?"
                        + " WHERE " + column + " = ? AND used_at IS NULL")) {
                    s.setLong(1, clock.millis());
                    s.setString(2, value);
                    s.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw Sql.failure("could not spend codes", e);
        }
        return families;
    }

    /** Reads the code and marks it used, whatever is wrong with the request it came with. */
    Redemption redeem(String code) {
        if (code == null || code.length() > 128) {
            return new Redemption.Unknown();
        }
        String hash = OpaqueTokens.digest(code);
        try {
            return Sql.inTransaction(dataSource, c -> {
                String select = "SELECT client_id, redirect_uri, challenge, user_id, agent_id, scopes, family,"
                        + " expires_at, used_at FROM " + OAuthSql.CODES + " WHERE code_hash = ?";
                DelegatedGrant grant;
                String redirect;
                String challenge;
                long expires;
                try (PreparedStatement s = c.prepareStatement(select)) {
                    s.setString(1, hash);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            return new Redemption.Unknown();
                        }
                        rs.getLong(9);
                        if (!rs.wasNull()) {
                            return new Redemption.Reused(rs.getString(7));
                        }
                        grant = new DelegatedGrant(rs.getString(1), rs.getString(4), rs.getString(5),
                                JsonText.roles(rs.getString(6)), rs.getString(7));
                        redirect = rs.getString(2);
                        challenge = rs.getString(3);
                        expires = rs.getLong(8);
                    }
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE " + OAuthSql.CODES
                        + " SET used_at = ? WHERE code_hash = ? AND used_at IS NULL")) {
                    s.setLong(1, clock.millis());
                    s.setString(2, hash);
                    if (s.executeUpdate() != 1) {
                        return new Redemption.Reused(grant.family());
                    }
                }
                return new Redemption.Valid(grant, redirect, challenge, Instant.ofEpochMilli(expires));
            });
        } catch (SQLException e) {
            throw Sql.failure("could not redeem authorization code", e);
        }
    }
}
