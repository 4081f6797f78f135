package dev.bulwark.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Tables of interactive OAuth: user passwords, registered clients, authorization codes, refresh tokens. Same SQL
 * subset as {@link Sql}. Codes and refresh tokens are stored as SHA-256 digests ({@link OpaqueTokens#digest}).
 */
final class OAuthSql {
    static final String PASSWORDS = "bulwark_user_passwords";
    static final String CLIENTS = "bulwark_oauth_clients";
    static final String CODES = "bulwark_oauth_codes";
    static final String REFRESH = "bulwark_oauth_refresh_tokens";

    private OAuthSql() {}

    static void createTables(DataSource dataSource) {
        Sql.createTables(dataSource);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + PASSWORDS + " (user_id VARCHAR(128) PRIMARY KEY,"
                    + " hash TEXT NOT NULL, updated_at BIGINT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS " + CLIENTS + " (client_id VARCHAR(64) PRIMARY KEY,"
                    + " name TEXT NOT NULL, redirect_uris TEXT NOT NULL, agent_id VARCHAR(128) NOT NULL,"
                    + " created_at BIGINT NOT NULL)");
            // Client ids of metadata documents are URLs: TEXT.
            s.execute("CREATE TABLE IF NOT EXISTS " + CODES + " (code_hash VARCHAR(64) PRIMARY KEY,"
                    + " client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL, challenge VARCHAR(64) NOT NULL,"
                    + " user_id VARCHAR(128) NOT NULL, agent_id VARCHAR(128) NOT NULL, scopes TEXT NOT NULL,"
                    + " family VARCHAR(64) NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT)");
            s.execute("CREATE TABLE IF NOT EXISTS " + REFRESH + " (token_hash VARCHAR(64) PRIMARY KEY,"
                    + " family VARCHAR(64) NOT NULL, client_id TEXT NOT NULL, user_id VARCHAR(128) NOT NULL,"
                    + " agent_id VARCHAR(128) NOT NULL, scopes TEXT NOT NULL, expires_at BIGINT NOT NULL,"
                    + " used_at BIGINT)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create OAuth tables: " + e.getMessage(), e);
        }
    }
}
