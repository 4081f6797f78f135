package dev.bulwark.approvals;

import dev.bulwark.testkit.JdbcUrlDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

class SqliteApprovalStoreTest extends ApprovalStoreContract {
    @TempDir
    Path dir;

    @Override
    DataSource dataSource() {
        return JdbcUrlDataSource.sqliteWal(dir.resolve("approvals.db"));
    }
}
