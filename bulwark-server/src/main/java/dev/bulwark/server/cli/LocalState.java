package dev.bulwark.server.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.gateway.DataDirectory;
import dev.bulwark.server.gateway.Identity;
import dev.bulwark.server.store.Databases;

/** The configured database and identity services, opened for one CLI command. */
final class LocalState implements AutoCloseable {
    final BulwarkConfig config;
    final HikariDataSource database;
    final Identity identity;

    LocalState(BulwarkConfig config) {
        this(config, null);
    }

    /** @param baseUrl the gateway's URL tokens are issued for, when it differs from the configured one */
    LocalState(BulwarkConfig config, String baseUrl) {
        this.config = config;
        // The CLI may be the first to create the data directory and its databases: owner-only, as the gateway keeps it.
        DataDirectory.prepare(config.dataPath());
        // every write a CLI command makes (suspend, revoke, decide) must outlive a power loss once reported done
        this.database = Databases.openDurable(config.jdbcUrl(), config.database().user(), config.database().password());
        try {
            String base = baseUrl != null ? stripSlash(baseUrl) : config.server().publicUrl() != null
                    ? config.server().publicUrl() : "http://" + config.server().host() + ":" + config.server().port();
            this.identity = Identity.open(database, config.dataPath().resolve("keys"), config, base, base + "/mcp");
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() {
        database.close();
        DataDirectory.sweep(config.dataPath());
    }
}
