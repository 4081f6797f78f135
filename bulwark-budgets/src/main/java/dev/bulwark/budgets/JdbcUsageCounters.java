package dev.bulwark.budgets;

import dev.bulwark.spi.budget.UsageCounterException;
import dev.bulwark.spi.budget.UsageCounters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Counters in the table {@code bulwark_usage_counters}, created if absent; one row per key and window. The SQL is
 * understood by SQLite (3.35 or later) and PostgreSQL alike.
 *
 * <p>Atomicity: each addition is one upsert whose update only happens when the new total stays within the limit, and
 * which returns the row only when it wrote it. PostgreSQL serialises concurrent upserts of one row on its row lock and
 * re-checks the condition against the committed total; SQLite serialises all writers. So two replicas can never both
 * take the last unit.
 */
public final class JdbcUsageCounters implements UsageCounters {
    private static final String ADD = """
            INSERT INTO bulwark_usage_counters (counter_key, window_start, used) VALUES (?, ?, ?)
            ON CONFLICT (counter_key, window_start) DO UPDATE SET used = bulwark_usage_counters.used + excluded.used
            WHERE bulwark_usage_counters.used <= ? - excluded.used
            RETURNING used""";

    private final DataSource dataSource;

    /**
     * @throws UsageCounterException when the table cannot be created
     */
    public JdbcUsageCounters(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS bulwark_usage_counters (
                      counter_key VARCHAR(512) NOT NULL,
                      window_start BIGINT NOT NULL,
                      used BIGINT NOT NULL,
                      PRIMARY KEY (counter_key, window_start))""");
        } catch (SQLException e) {
            throw new UsageCounterException("cannot create the usage counter table", e);
        }
    }

    @Override
    public boolean tryAdd(String key, long windowStart, long amount, long limit) {
        UsageCounters.check(key, amount, limit);
        if (amount > limit) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement add = c.prepareStatement(ADD)) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            add.setString(1, key);
            add.setLong(2, windowStart);
            add.setLong(3, amount);
            add.setLong(4, limit);
            try (ResultSet written = add.executeQuery()) {
                return written.next();
            }
        } catch (SQLException e) {
            throw new UsageCounterException("cannot update a usage counter", e);
        }
    }

    @Override
    public int purgeBefore(long windowStart) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement(
                     "DELETE FROM bulwark_usage_counters WHERE window_start < ?")) {
            delete.setLong(1, windowStart);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new UsageCounterException("cannot purge usage counters", e);
        }
    }
}
