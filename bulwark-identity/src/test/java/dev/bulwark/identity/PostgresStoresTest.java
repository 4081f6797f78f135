package dev.bulwark.identity;

import dev.bulwark.testkit.EmbeddedPostgresServer;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real PostgreSQL, started once for the class (it takes seconds). */
class PostgresStoresTest extends StoreContract {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();

    @Override
    DataSource dataSource() {
        return postgres.defaultDatabase();
    }
}
