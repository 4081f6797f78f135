package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Users on whose behalf agents may act, in a JDBC database (SQLite or PostgreSQL). In production users usually come
 * from an identity provider; this store holds the roles and attributes policies need about them.
 */
public final class SqlUserStore {
    private final DataSource dataSource;
    private final Clock clock;

    public SqlUserStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public SqlUserStore(DataSource dataSource, Clock clock) {
        this.dataSource = Checks.present(dataSource, "dataSource");
        this.clock = Checks.present(clock, "clock");
        Sql.createTables(dataSource);
    }

    /**
     * @throws IllegalArgumentException when the id is invalid
     * @throws IdTakenException         when a user or an agent already has this id
     */
    public User register(String id, Set<String> roles, Map<String, String> attributes) {
        User user = new User(id, roles, attributes);
        String sql = "INSERT INTO " + Sql.USERS + " (id, roles, attributes, created_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (id) DO NOTHING";
        try {
            Sql.inTransaction(dataSource, c -> {
                Sql.claimId(c, user.id(), PrincipalKind.USER);
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, user.id());
                    s.setString(2, JsonText.ofRoles(user.roles()));
                    s.setString(3, JsonText.ofAttributes(user.attributes()));
                    s.setLong(4, clock.millis());
                    if (s.executeUpdate() == 0) {
                        throw new IdTakenException(id, PrincipalKind.USER);
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw Sql.failure("could not register user " + id, e);
        }
        return user;
    }

    public Optional<User> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String sql = "SELECT id, roles, attributes FROM " + Sql.USERS + " WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure("could not read user", e);
        }
    }

    /** All users, ordered by id. */
    public List<User> list() {
        String sql = "SELECT id, roles, attributes FROM " + Sql.USERS + " ORDER BY id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            List<User> users = new ArrayList<>();
            while (rs.next()) {
                users.add(read(rs));
            }
            return users;
        } catch (SQLException e) {
            throw Sql.failure("could not list users", e);
        }
    }

    /**
     * Ids registered both as an agent and as a user: only possible in a database written before agents and users
     * shared one namespace. Such an id still names two distinct principals (ACLs, policies and audit carry the kind),
     * but an operator should retire one of them.
     */
    public List<String> ambiguousIds() {
        String sql = "SELECT u.id FROM " + Sql.USERS + " u JOIN " + Sql.AGENTS + " a ON a.id = u.id ORDER BY u.id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw Sql.failure("could not list ambiguous ids", e);
        }
    }

    private static User read(ResultSet rs) throws SQLException {
        return new User(rs.getString(1), JsonText.roles(rs.getString(2)), JsonText.attributes(rs.getString(3)));
    }
}
