package dev.bulwark.identity;

import dev.bulwark.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.sqlite.SQLiteDataSource;

/** Everything an identity test needs, on a SQLite file in a temporary directory. */
final class Fixture {
    static final String ISSUER = "https://gateway.example.com";
    static final String AUDIENCE = "https://gateway.example.com/mcp";

    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    final DataSource dataSource;
    final Ed25519KeySet keys;
    final TokenSettings settings = TokenSettings.of(ISSUER, AUDIENCE).withAllowedScopes(Set.of("mcp", "admin"));
    final SqlAgentStore agents;
    final SqlUserStore users;
    final SqlRevocationList revocations;
    final TokenEndpoint endpoint;
    final JwtAuthenticator authenticator;

    Fixture(Path dir) {
        this(dir, sqlite(dir.resolve("state.db")));
    }

    /** On another database (PostgreSQL), with keys in {@code dir}. */
    Fixture(Path dir, DataSource dataSource) {
        this.dataSource = dataSource;
        this.keys = Ed25519KeySet.openOrCreate(dir.resolve("keys/signing-keys.json"));
        this.agents = new SqlAgentStore(dataSource, clock);
        this.users = new SqlUserStore(dataSource, clock);
        this.revocations = new SqlRevocationList(dataSource, clock, SqlRevocationList.DEFAULT_RETENTION);
        this.endpoint = new TokenEndpoint(keys, settings, agents, users, revocations, clock);
        this.authenticator = new JwtAuthenticator(keys, settings, agents, users, revocations, clock);
    }

    static DataSource sqlite(Path file) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    /** Registers an agent and returns its API key. */
    String agent(String id) {
        return agents.register(id, "team-" + id, Set.of("reader"), Map.of("department", "finance")).apiKey().value();
    }

    /** An access token for the agent, through the client_credentials grant. */
    String accessToken(String agentId, String apiKey) {
        TokenResponse r = endpoint.handle(TokenRequest.of(Map.of("grant_type", "client_credentials",
                "client_id", agentId, "client_secret", apiKey), java.util.Optional.empty()));
        return ((TokenResponse.Issued) r).accessToken();
    }

    String userToken(String userId) {
        return endpoint.issueUserToken(userId, Duration.ofHours(1)).value();
    }

    JwtSigner signer() {
        return new JwtSigner(keys, settings);
    }
}
