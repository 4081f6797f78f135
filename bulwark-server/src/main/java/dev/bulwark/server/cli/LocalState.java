package dev.bulwark.server.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.gateway.Identity;
import dev.bulwark.server.store.Databases;

/** The configured database and identity services, opened for one CLI command. */
final class LocalState implements AutoCloseable {
    final BulwarkConfig config;
    final HikariDataSource database;
    final Identity identity;

    LocalState(BulwarkConfig config) {
        this.config = config;
        this.database = Databases.open(config.jdbcUrl(), config.database().user(), config.database().password());
        try {
            String base = config.server().publicUrl() != null ? config.server().publicUrl()
                    : "http://" + config.server().host() + ":" + config.server().port();
            this.identity = Identity.open(database, config.dataPath().resolve("keys"), config, base, base + "/mcp");
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
