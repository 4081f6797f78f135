package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.sql.KeptStatements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Registered agents and their API keys, in a JDBC database (SQLite or PostgreSQL). Reads always go to the database, so
 * a suspension made by any replica takes effect on the next call everywhere.
 */
public final class SqlAgentStore {
    private static final String COLUMNS = "id, owner, roles, attributes, status, created_at";
    /** Hashed when the agent is unknown, so an unknown id costs as much as a wrong key. */
    private static final String DUMMY_SALT = ApiKeyHash.newSalt();
    private static final String DUMMY_HASH = ApiKeyHash.hash(DUMMY_SALT, "bwk_dummy");

    /** The agent's row, read on every request that presents one of its tokens. */
    private static final String FIND = "SELECT " + COLUMNS + " FROM " + Sql.AGENTS + " WHERE id = ?";

    private final DataSource dataSource;
    private final KeptStatements reads = new KeptStatements();
    private final Clock clock;

    public SqlAgentStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public SqlAgentStore(DataSource dataSource, Clock clock) {
        this.dataSource = Checks.present(dataSource, "dataSource");
        this.clock = Checks.present(clock, "clock");
        Sql.createTables(dataSource);
    }

    /**
     * Registers an active agent and returns it with its API key, which is shown this once and stored only hashed.
     *
     * @throws IllegalArgumentException when the id is invalid
     * @throws IdTakenException         when an agent or a user already has this id
     */
    public AgentRegistration register(String id, String owner, Set<String> roles, Map<String, String> attributes) {
        Agent agent = new Agent(id, owner, roles, attributes, AgentStatus.ACTIVE,
                Instant.ofEpochMilli(clock.millis()));
        ApiKey key = ApiKeyHash.newKey(id);
        String salt = ApiKeyHash.newSalt();
        String sql = "INSERT INTO " + Sql.AGENTS + " (" + COLUMNS + ", key_salt, key_hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
        try {
            Sql.inTransaction(dataSource, c -> {
                Sql.claimId(c, agent.id(), PrincipalKind.AGENT);
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, agent.id());
                    s.setString(2, agent.owner());
                    s.setString(3, JsonText.ofRoles(agent.roles()));
                    s.setString(4, JsonText.ofAttributes(agent.attributes()));
                    s.setString(5, agent.status().name());
                    s.setLong(6, agent.createdAt().toEpochMilli());
                    s.setString(7, salt);
                    s.setString(8, ApiKeyHash.hash(salt, key.value()));
                    if (s.executeUpdate() == 0) {
                        throw new IdTakenException(id, PrincipalKind.AGENT);
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw Sql.failure("could not register agent " + id, e);
        }
        return new AgentRegistration(agent, key);
    }

    public Optional<Agent> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            return reads.use(c, FIND, s -> {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            });
        } catch (SQLException e) {
            throw Sql.failure("could not read agent", e);
        }
    }

    /** All agents, ordered by id. */
    public List<Agent> list() {
        String sql = "SELECT " + COLUMNS + " FROM " + Sql.AGENTS + " ORDER BY id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            List<Agent> agents = new ArrayList<>();
            while (rs.next()) {
                agents.add(read(rs));
            }
            return agents;
        } catch (SQLException e) {
            throw Sql.failure("could not list agents", e);
        }
    }

    /** Suspends the agent; its tokens are refused from the next call on. Empty when no such agent. */
    public Optional<Agent> suspend(String id) {
        return setStatus(id, AgentStatus.SUSPENDED);
    }

    /** Lets a suspended agent act again. Empty when no such agent. */
    public Optional<Agent> activate(String id) {
        return setStatus(id, AgentStatus.ACTIVE);
    }

    /** Replaces the agent's API key; the old key stops working at once. Empty when no such agent. */
    public Optional<ApiKey> rotateKey(String id) {
        if (id == null) {
            return Optional.empty();
        }
        ApiKey key = ApiKeyHash.newKey(id);
        String salt = ApiKeyHash.newSalt();
        String sql = "UPDATE " + Sql.AGENTS + " SET key_salt = ?, key_hash = ? WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, salt);
            s.setString(2, ApiKeyHash.hash(salt, key.value()));
            s.setString(3, id);
            return s.executeUpdate() == 0 ? Optional.empty() : Optional.of(key);
        } catch (SQLException e) {
            throw Sql.failure("could not rotate the key of agent " + id, e);
        }
    }

    /**
     * Whether {@code key} is the agent's current API key, whatever the agent's status. Compares in constant time and
     * does the same work for an unknown agent, so timing does not reveal which agents exist.
     */
    public boolean verifyKey(String id, String key) {
        if (key == null || key.length() > ApiKeyHash.MAX_KEY_LENGTH) {
            return false;
        }
        String salt = DUMMY_SALT;
        String hash = DUMMY_HASH;
        boolean known = false;
        if (id != null && id.length() <= 128) {
            String sql = "SELECT key_salt, key_hash FROM " + Sql.AGENTS + " WHERE id = ?";
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        salt = rs.getString(1);
                        hash = rs.getString(2);
                        known = true;
                    }
                }
            } catch (SQLException e) {
                throw Sql.failure("could not read agent key", e);
            }
        }
        boolean matches = ApiKeyHash.matches(salt, hash, key);
        return known && matches;
    }

    private Optional<Agent> setStatus(String id, AgentStatus status) {
        if (id == null) {
            return Optional.empty();
        }
        String sql = "UPDATE " + Sql.AGENTS + " SET status = ? WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, status.name());
            s.setString(2, id);
            if (s.executeUpdate() == 0) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure("could not change the status of agent " + id, e);
        }
        return find(id);
    }

    private static Agent read(ResultSet rs) throws SQLException {
        return new Agent(rs.getString(1), rs.getString(2), JsonText.roles(rs.getString(3)),
                JsonText.attributes(rs.getString(4)), AgentStatus.valueOf(rs.getString(5)),
                Instant.ofEpochMilli(rs.getLong(6)));
    }
}
