package dev.bulwark.anomaly;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.sql.KeptStatements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import javax.sql.DataSource;

/**
 * Risk added to a principal's sessions by anomalies, in the table {@code bulwark_anomaly_risk} of the gateway's
 * database, so every replica decides the principal's next call with it. Risk is kept in thousandths (as Cedar reads
 * it, {@code context.session.riskMillis}); raises add up while the entry is live and the entry lapses {@code ttl} after
 * the last raise. Each raise is one upsert, so raises from several replicas at once all count.
 */
public final class JdbcRiskLedger {
    /** A ceiling far above any threshold a policy would use; risk never overflows. */
    public static final long MAX_RISK_MILLIS = 1_000_000_000L;
    private static final String RAISE = """
            INSERT INTO bulwark_anomaly_risk (principal, risk_millis, until_ms) VALUES (?, ?, ?)
            ON CONFLICT (principal) DO UPDATE SET
              risk_millis = CASE WHEN bulwark_anomaly_risk.until_ms < ? THEN excluded.risk_millis
                ELSE MIN_OF(bulwark_anomaly_risk.risk_millis + excluded.risk_millis) END,
              until_ms = excluded.until_ms""";

    private final DataSource dataSource;
    private final InstantSource clock;
    /** The per-call risk read, kept prepared per pooled connection: SQLite's prepare was most of its CPU time. */
    private final KeptStatements kept = new KeptStatements();

    public JdbcRiskLedger(DataSource dataSource, InstantSource clock) {
        this.dataSource = Checks.present(dataSource, "dataSource");
        this.clock = Checks.present(clock, "clock");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bulwark_anomaly_risk (principal VARCHAR(300) PRIMARY KEY,"
                    + " risk_millis BIGINT NOT NULL, until_ms BIGINT NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the anomaly risk table: " + e.getMessage(), e);
        }
    }

    /** Adds {@code riskMillis} to the principal's risk for {@code ttl} from now. */
    public void raise(String principal, long riskMillis, Duration ttl) {
        Checks.nonBlank(principal, "principal");
        if (riskMillis < 0 || riskMillis > MAX_RISK_MILLIS) {
            throw new IllegalArgumentException("riskMillis must be between 0 and " + MAX_RISK_MILLIS);
        }
        long now = clock.millis();
        String capped = "CASE WHEN bulwark_anomaly_risk.risk_millis + excluded.risk_millis > " + MAX_RISK_MILLIS
                + " THEN " + MAX_RISK_MILLIS + " ELSE bulwark_anomaly_risk.risk_millis + excluded.risk_millis END";
        String sql = RAISE.replace("MIN_OF(bulwark_anomaly_risk.risk_millis + excluded.risk_millis)", capped);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, principal);
            s.setLong(2, riskMillis);
            s.setLong(3, now + ttl.toMillis());
            s.setLong(4, now);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not raise risk: " + e.getMessage(), e);
        }
    }

    /** The principal's live risk in thousandths, 0 when none. Throws when the database cannot be read. */
    public long riskMillis(String principal) {
        return riskMillis(java.util.List.of(principal));
    }

    /**
     * The live risk of the principals together (an agent and the user it acts for), in one query read from the
     * database on every call, so a raise or clear by another replica counts at once.
     */
    public long riskMillis(java.util.List<String> principals) {
        String marks = String.join(", ", java.util.Collections.nCopies(principals.size(), "?"));
        String sql = "SELECT risk_millis FROM bulwark_anomaly_risk WHERE principal IN (" + marks + ") AND until_ms >= ?";
        try (Connection c = dataSource.getConnection()) {
            return kept.use(c, sql, s -> {
                for (int i = 0; i < principals.size(); i++) {
                    s.setString(i + 1, principals.get(i));
                }
                s.setLong(principals.size() + 1, clock.millis());
                long sum = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        sum = Math.min(MAX_RISK_MILLIS, sum + rs.getLong(1));
                    }
                }
                return sum;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not read risk: " + e.getMessage(), e);
        }
    }

    /** Clears a principal's risk (an admin who has looked into it). */
    public void clear(String principal) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM bulwark_anomaly_risk WHERE principal = ?")) {
            s.setString(1, principal);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not clear risk: " + e.getMessage(), e);
        }
    }
}
