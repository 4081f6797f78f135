package dev.bulwark.server.gateway;

import dev.bulwark.engine.session.InMemorySessionStore;
import dev.bulwark.server.store.Databases;
import dev.bulwark.sessions.JdbcSessionStore;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.session.SessionLimits;
import dev.bulwark.spi.session.SessionStore;
import dev.bulwark.testkit.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the session step costs per call with each store: one {@code current} and one {@code recordCall}, as the
 * pipeline does, sequentially on one thread over 100 sessions. Prints p50, p99 and mean in microseconds.
 *
 * <p>Usage: {@code SessionStoreCost [calls]} (default 5000, after as many warm-up calls).
 */
public final class SessionStoreCost {
    private static final int SESSIONS = 100;

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Path dir = Files.createTempDirectory("session-cost");
        SessionLimits limits = SessionLimits.defaults();
        Duration ttl = Duration.ofHours(1);
        report("memory", new InMemorySessionStore(ttl, 100_000, InstantSource.system(), limits), calls);
        try (var sqlite = Databases.open("jdbc:sqlite:" + dir.resolve("bulwark.db"), null, null)) {
            report("sqlite (WAL, pooled as the gateway opens it)",
                    new JdbcSessionStore(sqlite, ttl, 100_000, limits, InstantSource.system()), calls);
        }
        EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();
        postgres.beforeAll(null);
        try (var pg = Databases.open(postgres.jdbcUrl(), null, null)) {
            report("postgresql (embedded, localhost)",
                    new JdbcSessionStore(pg, ttl, 100_000, limits, InstantSource.system()), calls);
        } finally {
            postgres.afterAll(null);
        }
    }

    private static void report(String name, SessionStore store, int calls) throws Exception {
        Principal principal = new Principal(new Agent("bench-agent", "o@example.com", Set.of(), Map.of(),
                AgentStatus.ACTIVE, Instant.EPOCH), Optional.empty(), "jti", Set.of(), Instant.now().plusSeconds(3600));
        run(store, principal, calls);
        long[] nanos = run(store, principal, calls);
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1000;
        System.out.printf("%-48s calls %d  p50 %8.1f us  p99 %8.1f us  mean %8.1f us%n", name, calls,
                nanos[nanos.length / 2] / 1000.0, nanos[(int) (nanos.length * 0.99)] / 1000.0, mean);
    }

    private static long[] run(SessionStore store, Principal principal, int calls) throws Exception {
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            String id = "agent:bench-agent|task:t" + (i % SESSIONS);
            long start = System.nanoTime();
            store.current(id, principal);
            store.recordCall(id, "crm.get_customer", i % 10 == 0 ? Set.of("untrusted", "pii") : Set.of("internal"));
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }
}
