package dev.bulwark.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens pooled {@link javax.sql.DataSource}s for SQLite and PostgreSQL URLs. */
public final class Databases {
    private Databases() {}

    /**
     * Opens a pool. SQLite runs in WAL mode so readers never wait for the audit writer, with a busy timeout so
     * concurrent writers queue instead of failing.
     */
    public static HikariDataSource open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, false);
    }

    /**
     * A pool for connectors that must never write (governed SQL). PostgreSQL connections are read-only at the driver;
     * SQLite cannot switch a connection to read-only after opening it, so there the connector's own
     * {@code PRAGMA query_only} on every query is the guard.
     */
    public static HikariDataSource openReadOnly(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, true);
    }

    /**
     * A pool for the writes that must survive a power loss once acknowledged: revocations, suspensions, approval
     * decisions and their single use, refresh-token rotation. On SQLite (WAL) the shared pool commits with
     * {@code synchronous=NORMAL}, which survives a killed process but may lose the last commits on power loss or an
     * OS crash; a revoked token or a used approval could then come back. This pool, on the same file, syncs every
     * commit ({@code FULL}). Other databases get an ordinary pool: PostgreSQL's default {@code synchronous_commit=on}
     * already makes a commit durable.
     */
    public static HikariDataSource openDurable(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, false, keepsFile(jdbcUrl) ? "FULL" : "NORMAL");
    }

    /**
     * Whether durable writes need a pool of their own ({@link #openDurable}) beside the shared one: only for a SQLite
     * file. The gateway's durable writes are rare (admin actions, approvals, token refreshes), so its per-call path
     * keeps the cheaper mode. An in-memory SQLite database is one per pool, so it must not be split.
     */
    public static boolean separatesDurableWrites(String jdbcUrl) {
        return keepsFile(jdbcUrl);
    }

    private static boolean keepsFile(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:sqlite:") && !jdbcUrl.contains(":memory:") && !jdbcUrl.contains("mode=memory");
    }

    private static HikariDataSource open(String jdbcUrl, String user, String password, boolean readOnly) {
        return open(jdbcUrl, user, password, readOnly, "NORMAL");
    }

    private static HikariDataSource open(String jdbcUrl, String user, String password, boolean readOnly,
            String synchronous) {
        HikariConfig config = new HikariConfig();
        config.setReadOnly(readOnly && !jdbcUrl.startsWith("jdbc:sqlite:"));
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("FULL".equals(synchronous) ? "bulwark-durable" : "bulwark");
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            createParent(jdbcUrl.substring("jdbc:sqlite:".length()));
            config.setMaximumPoolSize(8); // the durable pool also serves identity's per-request reads
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("synchronous", synchronous);
            config.addDataSourceProperty("foreign_keys", "true");
            // the driver otherwise follows every INSERT with a regex match and a freshly prepared
            // "SELECT last_insert_rowid()" for getGeneratedKeys(), which nothing here reads; per call that was the
            // session store's two inserts
            config.addDataSourceProperty("jdbc.get_generated_keys", "false");
            config.setConnectionInitSql("PRAGMA busy_timeout=10000");
        } else {
            config.setMaximumPoolSize(16);
            if (user != null) {
                config.setUsername(user);
            }
            if (password != null) {
                config.setPassword(password);
            }
        }
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    private static void createParent(String file) {
        int q = file.indexOf('?');
        Path path = Path.of(q < 0 ? file : file.substring(0, q)).toAbsolutePath();
        try {
            Files.createDirectories(path.getParent());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create database directory " + path.getParent() + ": " + e.getMessage(), e);
        }
    }
}
