package dev.bulwark.sessions;

import dev.bulwark.spi.session.SessionLimits;
import dev.bulwark.spi.session.SessionStore;
import dev.bulwark.testkit.JdbcUrlDataSource;
import dev.bulwark.testkit.SessionStoreContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite; a replica is a second store on the same database file. */
class SqliteSessionStoreContractTest extends SessionStoreContract {
    @TempDir
    Path dir;

    static DataSource sqlite(Path file) {
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        p.setProperty("busy_timeout", "10000");
        return new JdbcUrlDataSource("jdbc:sqlite:" + file, p);
    }

    @Override
    protected SessionStore store(Duration ttl, SessionLimits limits) {
        return new JdbcSessionStore(sqlite(dir.resolve("sessions.db")), ttl, 1000, limits, clock);
    }

    @Override
    protected SessionStore replica(SessionStore store, Duration ttl, SessionLimits limits) {
        return store(ttl, limits);
    }
}
