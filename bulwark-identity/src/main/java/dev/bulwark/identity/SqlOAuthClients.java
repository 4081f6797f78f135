package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** Registered OAuth clients (RFC 7591 dynamic registration), shared by all replicas through the database. */
public final class SqlOAuthClients implements OAuthClients {
    private static final Pattern CLIENT_ID = Pattern.compile("bwc_[A-Za-z0-9_-]{22}");
    private final DataSource dataSource;
    private final Clock clock;

    public SqlOAuthClients(DataSource dataSource, Clock clock) {
        this.dataSource = Checks.present(dataSource, "dataSource");
        this.clock = Checks.present(clock, "clock");
        OAuthSql.createTables(dataSource);
    }

    /**
     * Registers a public client acting as {@code agentId}.
     *
     * @throws IllegalArgumentException when the name or a redirect URI is not acceptable
     */
    public OAuthClient register(String name, List<String> redirectUris, String agentId) {
        OAuthClient client = new OAuthClient("bwc_" + OpaqueTokens.random(16), name, redirectUris, agentId,
                Instant.ofEpochMilli(clock.millis()));
        String sql = "INSERT INTO " + OAuthSql.CLIENTS + " (client_id, name, redirect_uris, agent_id, created_at)"
                + " VALUES (?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, client.clientId());
            s.setString(2, client.name());
            s.setString(3, com.nimbusds.jose.util.JSONArrayUtils.toJSONString(new ArrayList<>(client.redirectUris())));
            s.setString(4, client.agentId());
            s.setLong(5, client.createdAt().toEpochMilli());
            s.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("could not register client", e);
        }
        return client;
    }

    /** Every registered client, oldest first. */
    public List<OAuthClient> list() {
        List<OAuthClient> out = new ArrayList<>();
        String sql = "SELECT client_id FROM " + OAuthSql.CLIENTS + " ORDER BY created_at, client_id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            ids.forEach(id -> find(id).ifPresent(out::add));
            return out;
        } catch (SQLException e) {
            throw Sql.failure("could not list clients", e);
        }
    }

    /**
     * Removes a registered client; false when there was none. Its logins are revoked by {@link CodeGrants}. Works by id
     * alone, so a stored client that no longer meets the registration rules (and so cannot be found) can be removed.
     */
    public boolean delete(String clientId) {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM " + OAuthSql.CLIENTS + " WHERE client_id = ?")) {
            s.setString(1, clientId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Sql.failure("could not delete client", e);
        }
    }

    /**
     * The client of this id; empty when there is none, and also when its stored name or redirect URIs no longer meet
     * the registration rules (a client registered before a rule was added): such a client cannot log anyone in, and
     * {@link #list} leaves it out, until an admin deletes it by id.
     */
    @Override
    public Optional<OAuthClient> find(String clientId) {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            return Optional.empty();
        }
        String sql = "SELECT client_id, name, redirect_uris, agent_id, created_at FROM " + OAuthSql.CLIENTS
                + " WHERE client_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, clientId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> uris = new ArrayList<>();
                for (Object o : com.nimbusds.jose.util.JSONArrayUtils.parse(rs.getString(3))) {
                    uris.add((String) o);
                }
                try {
                    return Optional.of(new OAuthClient(rs.getString(1), rs.getString(2), uris, rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5))));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("could not read client", e);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("stored redirect URIs are not a JSON array", e);
        }
    }
}
