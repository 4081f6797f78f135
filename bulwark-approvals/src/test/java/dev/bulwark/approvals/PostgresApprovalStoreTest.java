package dev.bulwark.approvals;

import dev.bulwark.testkit.EmbeddedPostgresServer;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real PostgreSQL, started once for the class. */
class PostgresApprovalStoreTest extends ApprovalStoreContract {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();

    @Override
    DataSource dataSource() {
        return postgres.defaultDatabase();
    }
}
