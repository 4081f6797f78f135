import dev.bulwark.server.store.Databases;
import dev.bulwark.sessions.JdbcSessionStore;
import dev.bulwark.spi.identity.*;
import dev.bulwark.spi.session.*;
import java.lang.management.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;

/**
 * SessionStoreSqliteCost with the two halves timed apart and the thread's CPU time per call: {@code current} and
 * {@code recordCall} over 100 sessions on SQLite as the gateway opens it, three rounds of {@code calls}, the last
 * measured. {@code javac -cp benchmarks.jar -d out scripts/bench/SessionStoreSplitCost.java && java
 * --enable-native-access=ALL-UNNAMED -cp out:benchmarks.jar SessionStoreSplitCost 5000}.
 */
public class SessionStoreSplitCost {
    public static void main(String[] a) throws Exception {
        int calls = Integer.parseInt(a[0]);
        Path dir = Files.createTempDirectory("session-cost");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (var sqlite = Databases.open("jdbc:sqlite:" + dir.resolve("bulwark.db"), null, null)) {
            SessionStore store = new JdbcSessionStore(sqlite, Duration.ofHours(1), 100_000, SessionLimits.defaults(), InstantSource.system());
            Agent agent = new Agent("bot", "owner", Set.of("r"), Map.of(), AgentStatus.ACTIVE, Instant.now());
            Principal p = new Principal(agent, Optional.empty(), "t", Set.of(), Instant.now().plusSeconds(3600));
            long[] c = new long[calls], r = new long[calls];
            long cpu0 = 0, wall0 = 0;
            for (int round = 0; round < 3; round++) {
                cpu0 = mx.getCurrentThreadCpuTime(); wall0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    String s = "s-" + (i % 100);
                    long t0 = System.nanoTime();
                    store.current(s, p);
                    long t1 = System.nanoTime();
                    store.recordCall(s, "up.echo", i % 10 == 0 ? Set.of("untrusted", "pii") : Set.of("internal"));
                    c[i] = t1 - t0; r[i] = System.nanoTime() - t1;
                }
            }
            long cpu = mx.getCurrentThreadCpuTime() - cpu0, wall = System.nanoTime() - wall0;
            System.out.printf("current p50 %.1f mean %.1f | recordCall p50 %.1f mean %.1f | thread CPU per call %.1f us, wall %.1f us%n",
                p50(c), mean(c), p50(r), mean(r), cpu / 1e3 / calls, wall / 1e3 / calls);
        }
    }
    static double p50(long[] t) { long[] s = t.clone(); Arrays.sort(s); return s[s.length / 2] / 1e3; }
    static double mean(long[] t) { return Arrays.stream(t).average().orElse(0) / 1e3; }
}
