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

    private static HikariDataSource open(String jdbcUrl, String user, String password, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setReadOnly(readOnly && !jdbcUrl.startsWith("jdbc:sqlite:"));
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("bulwark");
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            createParent(jdbcUrl.substring("jdbc:sqlite:".length()));
            config.setMaximumPoolSize(8);
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("foreign_keys", "true");
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
