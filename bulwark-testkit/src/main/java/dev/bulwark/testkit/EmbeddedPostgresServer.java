package dev.bulwark.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server (zonky's binaries from Maven) started once for a test class, since starting one takes
 * seconds. Register it as a static field:
 *
 * <pre>{@code @RegisterExtension static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();}</pre>
 *
 * <p>It starts before the class's {@code @BeforeAll} methods and stops after its {@code @AfterAll} methods.
 */
public final class EmbeddedPostgresServer implements BeforeAllCallback, AfterAllCallback {
    // database names go into CREATE DATABASE unquoted: only plain lower-case identifiers are accepted
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    private final AtomicInteger created = new AtomicInteger();
    private volatile EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        EmbeddedPostgres running = postgres;
        postgres = null;
        if (running != null) {
            running.close();
        }
    }

    /** The {@code postgres} database as the superuser; a new data source on each call. */
    public DataSource defaultDatabase() {
        return running().getPostgresDatabase();
    }

    /** The JDBC URL of the {@code postgres} database as the superuser. */
    public String jdbcUrl() {
        return running().getJdbcUrl("postgres", "postgres");
    }

    /** Creates the database {@code name} and returns it. */
    public DataSource createDatabase(String name) throws SQLException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain lower-case database name: " + name);
        }
        try (Connection admin = defaultDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return running().getDatabase("postgres", name);
    }

    /** Creates a database no test of this class has used yet, named {@code prefix_N}. */
    public DataSource freshDatabase(String prefix) throws SQLException {
        return createDatabase(prefix + "_" + created.incrementAndGet());
    }

    /** Creates a database as {@link #freshDatabase} does and returns its JDBC URL, for code configured by URL. */
    public String freshDatabaseUrl(String prefix) throws SQLException {
        String name = prefix + "_" + created.incrementAndGet();
        createDatabase(name);
        return running().getJdbcUrl("postgres", name);
    }

    private EmbeddedPostgres running() {
        EmbeddedPostgres running = postgres;
        if (running == null) {
            throw new IllegalStateException(
                    "PostgreSQL is not running: register EmbeddedPostgresServer as a static @RegisterExtension field");
        }
        return running;
    }
}
