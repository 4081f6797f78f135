import dev.bulwark.server.store.Databases;
import dev.bulwark.sessions.JdbcSessionStore;
import dev.bulwark.spi.identity.*;
import dev.bulwark.spi.session.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;

/**
 * The session step's store work per call on SQLite, as the gateway opens it (Databases.open: HikariCP, WAL): one
 * {@code current} and one {@code recordCall} over 100 sessions, 10 % of calls adding two labels; two rounds, the second
 * measured. A SQLite-only cut of the server's SessionStoreCost that runs from the bench jar:
 * {@code javac -cp benchmarks.jar -d out scripts/bench/SessionStoreSqliteCost.java &&
 * java --enable-native-access=ALL-UNNAMED -cp out:benchmarks.jar SessionStoreSqliteCost 5000}.
 */
public class SessionStoreSqliteCost {
    public static void main(String[] a) throws Exception {
        int calls = Integer.parseInt(a[0]);
        Path dir = Files.createTempDirectory("session-cost");
        try (var sqlite = Databases.open("jdbc:sqlite:" + dir.resolve("bulwark.db"), null, null)) {
            SessionStore store = new JdbcSessionStore(sqlite, Duration.ofHours(1), 100_000, SessionLimits.defaults(), InstantSource.system());
            Agent agent = new Agent("bot", "owner", Set.of("r"), Map.of(), AgentStatus.ACTIVE, Instant.now());
            Principal p = new Principal(agent, Optional.empty(), "t", Set.of(), Instant.now().plusSeconds(3600));
            long[] t = new long[calls];
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < calls; i++) {
                    String s = "s-" + (i % 100);
                    long t0 = System.nanoTime();
                    store.current(s, p);
                    store.recordCall(s, "up.echo", i % 10 == 0 ? Set.of("untrusted", "pii") : Set.of("internal"));
                    t[i] = System.nanoTime() - t0;
                }
            }
            long[] sorted = t.clone(); Arrays.sort(sorted);
            System.out.printf("sqlite p50 %.1f us p99 %.1f us mean %.1f us%n", sorted[calls / 2] / 1e3, sorted[calls * 99 / 100] / 1e3, Arrays.stream(t).average().orElse(0) / 1e3);
        }
    }
}
