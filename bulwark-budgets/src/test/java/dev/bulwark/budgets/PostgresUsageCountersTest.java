package dev.bulwark.budgets;

import dev.bulwark.spi.budget.UsageCounters;
import dev.bulwark.testkit.EmbeddedPostgresServer;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on a real PostgreSQL, a fresh database per test shared by two store instances. */
class PostgresUsageCountersTest extends UsageCountersContract {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();

    private DataSource database;

    @BeforeEach
    void freshDatabase() throws Exception {
        database = postgres.freshDatabase("counters");
    }

    @Override
    UsageCounters anotherReplica() {
        return new JdbcUsageCounters(database);
    }
}
