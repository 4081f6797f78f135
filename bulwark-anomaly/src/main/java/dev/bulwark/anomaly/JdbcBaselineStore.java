package dev.bulwark.anomaly;

import dev.bulwark.spi.Checks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Baselines in the table {@code bulwark_anomaly_baselines} of the gateway's database (SQLite by default, PostgreSQL for
 * replicas): one row per principal with its latest snapshot and when it was written. Writes are upserts in one
 * transaction; after each write only the {@code keep} most recently written rows stay, so the table is bounded like
 * the memory. Replicas on one database share the rows: a replica meeting a principal starts from the snapshot any
 * replica wrote last (concurrent learning is not merged; the last snapshot written wins).
 */
public final class JdbcBaselineStore implements BaselineStore {
    private final DataSource dataSource;
    private final InstantSource clock;
    private final String upsert;

    public JdbcBaselineStore(DataSource dataSource, InstantSource clock) {
        this.dataSource = Checks.present(dataSource, "dataSource");
        this.clock = Checks.present(clock, "clock");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String bytes = bytesType(c);
            s.execute("CREATE TABLE IF NOT EXISTS bulwark_anomaly_baselines (principal VARCHAR(300) PRIMARY KEY,"
                    + " state " + bytes + " NOT NULL, written_ms BIGINT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS bulwark_anomaly_baselines_written"
                    + " ON bulwark_anomaly_baselines (written_ms)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the anomaly baseline table: " + e.getMessage(), e);
        }
        this.upsert = "INSERT INTO bulwark_anomaly_baselines (principal, state, written_ms) VALUES (?, ?, ?)"
                + " ON CONFLICT (principal) DO UPDATE SET state = excluded.state, written_ms = excluded.written_ms";
    }

    @Override
    public byte[] load(String principal) {
        Checks.nonBlank(principal, "principal");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT state FROM bulwark_anomaly_baselines WHERE principal = ?")) {
            s.setString(1, principal);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a baseline: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Snapshot> recent(int max) {
        if (max < 1) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT principal, state FROM bulwark_anomaly_baselines ORDER BY written_ms DESC, principal LIMIT ?")) {
            s.setInt(1, max);
            List<Snapshot> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Snapshot(r.getString(1), r.getBytes(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read baselines: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(Map<String, byte[]> snapshots, int keep) {
        if (snapshots.isEmpty()) {
            return;
        }
        long now = clock.millis();
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(upsert)) {
                for (Map.Entry<String, byte[]> e : snapshots.entrySet()) {
                    if (e.getValue().length > BaselineCodec.MAX_BYTES) {
                        continue; // never written, so never refused on reading
                    }
                    s.setString(1, e.getKey());
                    s.setBytes(2, e.getValue());
                    s.setLong(3, now);
                    s.addBatch();
                }
                s.executeBatch();
                prune(c, keep);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write baselines: " + e.getMessage(), e);
        }
    }

    /** Deletes all but the {@code keep} most recently written rows. */
    private static void prune(Connection c, int keep) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM bulwark_anomaly_baselines WHERE principal IN"
                + " (SELECT principal FROM bulwark_anomaly_baselines ORDER BY written_ms DESC, principal"
                + " LIMIT -1 OFFSET ?)".replace("LIMIT -1 ", limitAll(c)))) {
            s.setInt(1, Math.max(0, keep));
            s.executeUpdate();
        }
    }

    /** "No limit" before an OFFSET: SQLite wants {@code LIMIT -1}, PostgreSQL {@code LIMIT ALL}. */
    private static String limitAll(Connection c) throws SQLException {
        return bytesType(c).equals("BLOB") ? "LIMIT -1 " : "LIMIT ALL ";
    }

    /** BLOB on SQLite, BYTEA on PostgreSQL; anything else is refused rather than guessed. */
    private static String bytesType(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("sqlite")) {
            return "BLOB";
        }
        if (product.contains("postgres")) {
            return "BYTEA";
        }
        throw new IllegalStateException("anomaly baselines are kept in SQLite or PostgreSQL, not " + product);
    }
}
