package dev.bulwark.budgets;

import dev.bulwark.spi.budget.UsageCounters;
import dev.bulwark.testkit.JdbcUrlDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on one SQLite file in WAL mode, as the gateway opens it, shared by two store instances. */
class SqliteUsageCountersTest extends UsageCountersContract {
    @TempDir
    Path dir;

    @Override
    UsageCounters anotherReplica() {
        return new JdbcUsageCounters(JdbcUrlDataSource.sqliteWal(dir.resolve("counters.db")));
    }
}
