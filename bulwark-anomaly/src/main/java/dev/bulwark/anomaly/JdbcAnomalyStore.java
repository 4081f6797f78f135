package dev.bulwark.anomaly;

import dev.bulwark.spi.Checks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Anomalies reported by every replica, in the table {@code bulwark_anomalies} of the gateway's database (SQLite or
 * PostgreSQL), so the API, the CLI and the console of any replica list them all. Facts are kept as JSON text; the full
 * record of each anomaly is in the audit log as well, where it is tamper-evident.
 */
public final class JdbcAnomalyStore {
    public static final int MAX_LIST = 1000;
    private static final String COLUMNS = "id, time_ms, kind, principal, agent_id, user_id, session_id, tool, score,"
            + " summary, facts, responses";

    private final DataSource dataSource;

    public JdbcAnomalyStore(DataSource dataSource) {
        this.dataSource = Checks.present(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS bulwark_anomalies (
                      id VARCHAR(36) PRIMARY KEY, time_ms BIGINT NOT NULL, kind VARCHAR(32) NOT NULL,
                      principal VARCHAR(300) NOT NULL, agent_id VARCHAR(256) NOT NULL, user_id VARCHAR(256),
                      session_id VARCHAR(256), tool VARCHAR(256) NOT NULL, score DOUBLE PRECISION NOT NULL,
                      summary TEXT NOT NULL, facts TEXT NOT NULL, responses TEXT NOT NULL)""");
            s.execute("CREATE INDEX IF NOT EXISTS bulwark_anomalies_time ON bulwark_anomalies (time_ms)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the anomaly table: " + e.getMessage(), e);
        }
    }

    /** Stores an anomaly with the responses carried out; returns it as stored. */
    public StoredAnomaly record(Anomaly a, List<String> responses) {
        String id = UUID.randomUUID().toString();
        String facts = FlatJson.write(a.facts());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO bulwark_anomalies (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setLong(2, a.time().toEpochMilli());
            s.setString(3, a.kind().label());
            s.setString(4, a.principal());
            s.setString(5, a.agentId());
            s.setString(6, a.userId());
            s.setString(7, a.sessionId());
            s.setString(8, a.tool());
            s.setDouble(9, Double.isFinite(a.score()) ? a.score() : Double.MAX_VALUE);
            s.setString(10, a.summary());
            s.setString(11, facts);
            s.setString(12, String.join(",", responses));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the anomaly: " + e.getMessage(), e);
        }
        return new StoredAnomaly(id, a, facts, responses);
    }

    /**
     * The newest anomalies first.
     *
     * @param agentId only this agent's, or {@code null}
     * @param kind    only this kind, or {@code null}
     * @param since   only at or after this time, or {@code null}
     */
    public List<StoredAnomaly> list(int limit, String agentId, AnomalyKind kind, Instant since) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIST);
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM bulwark_anomalies WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (agentId != null) {
            sql.append(" AND agent_id = ?");
            args.add(agentId);
        }
        if (kind != null) {
            sql.append(" AND kind = ?");
            args.add(kind.label());
        }
        if (since != null) {
            sql.append(" AND time_ms >= ?");
            args.add(since.toEpochMilli());
        }
        sql.append(" ORDER BY time_ms DESC, id LIMIT ").append(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<StoredAnomaly> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Anomaly a = new Anomaly(Instant.ofEpochMilli(rs.getLong(2)), AnomalyKind.fromLabel(rs.getString(3)),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getDouble(9), rs.getString(10), Map.of());
                    String responses = rs.getString(12);
                    out.add(new StoredAnomaly(rs.getString(1), a, rs.getString(11),
                            responses.isEmpty() ? List.of() : Arrays.asList(responses.split(","))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read anomalies: " + e.getMessage(), e);
        }
    }

    /** Deletes anomalies older than {@code before}; returns how many. */
    public int purgeBefore(Instant before) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM bulwark_anomalies WHERE time_ms < ?")) {
            s.setLong(1, before.toEpochMilli());
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not purge anomalies: " + e.getMessage(), e);
        }
    }
}
