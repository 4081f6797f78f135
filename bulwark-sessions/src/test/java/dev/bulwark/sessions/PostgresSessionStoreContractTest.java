package dev.bulwark.sessions;

import dev.bulwark.spi.session.SessionLimits;
import dev.bulwark.spi.session.SessionStore;
import dev.bulwark.testkit.EmbeddedPostgresServer;
import dev.bulwark.testkit.SessionStoreContract;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real PostgreSQL; a replica is a second store on the same database. */
class PostgresSessionStoreContractTest extends SessionStoreContract {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();
    private static DataSource database;

    @BeforeAll
    static void createDatabase() throws Exception {
        database = postgres.freshDatabase("sessions");
    }

    @Override
    protected SessionStore store(Duration ttl, SessionLimits limits) {
        return new JdbcSessionStore(database, ttl, 1000, limits, clock);
    }

    @Override
    protected SessionStore replica(SessionStore store, Duration ttl, SessionLimits limits) {
        return store(ttl, limits);
    }
}
