package dev.bulwark.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.testkit.EmbeddedPostgresServer;
import dev.bulwark.testkit.JdbcUrlDataSource;
import dev.bulwark.testkit.SwitchableDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BaselinePersistenceTest {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final List<String> TOOLS = List.of("crm.get_customer", "crm.find_customers", "docs.search",
            "mail.send", "sales.query");
    private static final InstantSource CLOCK = InstantSource.fixed(T0.plusSeconds(90L * 86_400));

    @TempDir
    Path dir;

    /** Varied traffic touching every detector: rates, tools, sizes, labels, refusals, findings, intents, hours. */
    private static List<CallEvent> traffic(long seed, int n, int from) {
        Random r = new Random(seed);
        List<CallEvent> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            String tool = TOOLS.get(r.nextInt(TOOLS.size()));
            ToolKind kind = tool.equals("mail.send") ? ToolKind.EGRESS : ToolKind.READ;
            boolean denied = r.nextDouble() < 0.03;
            Set<String> labels = tool.equals("crm.get_customer") ? Set.of("pii") : Set.of();
            long t = T0.getEpochSecond() + i * 40L + (i / 100) * 3600L;
            out.add(new CallEvent(Instant.ofEpochSecond(t), "agent-1", "alice", "s" + i / 15, tool, kind,
                    denied ? CallEvent.Outcome.DENIED : CallEvent.Outcome.ALLOWED, labels,
                    (long) (1000 * Math.exp(0.4 * r.nextGaussian())), tool.equals("sales.query") ? 10 : -1,
                    r.nextDouble() < 0.01, "reconcile invoices " + (i / 15 % 3)));
        }
        return out;
    }

    private static List<String> run(AnomalyDetector detector, List<CallEvent> calls) {
        List<String> found = new ArrayList<>();
        for (CallEvent c : calls) {
            detector.observe(c).forEach(a -> found.add(c.time() + " " + a.principal() + " " + a.kind()));
        }
        return found;
    }

    private DataSource sqlite() {
        return JdbcUrlDataSource.sqliteWal(dir.resolve("state.db"));
    }

    @Test
    void aRestartedDetectorJudgesExactlyAsTheOneThatNeverStopped() {
        List<CallEvent> history = traffic(1, 2000, 0);
        List<CallEvent> later = new ArrayList<>(traffic(2, 400, 2000));
        later.add(new CallEvent(later.get(later.size() - 1).time().plusSeconds(5), "agent-1", "alice", "x",
                "shell.exec", ToolKind.EXECUTE, CallEvent.Outcome.ALLOWED, Set.of(), 10, -1, false, null));
        AnomalyDetector running = new AnomalyDetector(AnomalySettings.defaults(), CLOCK);
        run(running, history);

        JdbcBaselineStore store = new JdbcBaselineStore(sqlite(), CLOCK);
        AnomalyDetector before = new AnomalyDetector(AnomalySettings.defaults(), CLOCK,
                EnumSet.allOf(AnomalyKind.class), store);
        run(before, history);
        assertThat(before.snapshot()).isEqualTo(2); // agent-1 and user alice
        assertThat(before.snapshot()).isZero(); // nothing learned since

        AnomalyDetector after = new AnomalyDetector(AnomalySettings.defaults(), CLOCK,
                EnumSet.allOf(AnomalyKind.class), new JdbcBaselineStore(sqlite(), CLOCK));
        assertThat(after.restore()).isEqualTo(2);
        List<String> expected = run(running, later);
        assertThat(expected).anyMatch(s -> s.endsWith("FIRST_USE"));
        assertThat(run(after, later)).isEqualTo(expected);
        assertThat(after.baselineProblems()).isZero();
    }

    @Test
    void withoutTheStoreARestartForgetsAndLearnsAgain() {
        AnomalyDetector fresh = new AnomalyDetector(AnomalySettings.defaults(), CLOCK);
        CallEvent novel = new CallEvent(T0, "agent-1", null, "x", "shell.exec", ToolKind.EXECUTE,
                CallEvent.Outcome.ALLOWED, Set.of(), 10, -1, false, null);
        assertThat(fresh.observe(novel)).isEmpty();
    }

    @Test
    void aReplicaMeetingAPrincipalStartsFromTheSnapshotAnotherReplicaWroteOnPostgres() throws Exception {
        DataSource db = postgres.freshDatabase("baselines");
        AnomalyDetector a = new AnomalyDetector(AnomalySettings.defaults(), CLOCK, EnumSet.allOf(AnomalyKind.class),
                new JdbcBaselineStore(db, CLOCK));
        AnomalyDetector b = new AnomalyDetector(AnomalySettings.defaults(), CLOCK, EnumSet.allOf(AnomalyKind.class),
                new JdbcBaselineStore(db, CLOCK));
        List<CallEvent> history = traffic(3, 600, 0);
        run(a, history);
        a.snapshot();
        // replica b never saw agent-1: its first call there is judged against what replica a learned
        CallEvent novel = new CallEvent(history.get(history.size() - 1).time().plusSeconds(30), "agent-1", null,
                "x", "shell.exec", ToolKind.EXECUTE, CallEvent.Outcome.ALLOWED, Set.of(), 10, -1, false, null);
        assertThat(b.observe(novel)).extracting(Anomaly::kind).contains(AnomalyKind.FIRST_USE);
        assertThat(b.restore()).isEqualTo(1); // user:alice; agent-1 is already in memory
        assertThat(b.snapshot()).isEqualTo(1); // only what b learned: agent-1's call
    }

    @Test
    void aCorruptSnapshotStartsThatPrincipalFreshWithAWarningAndDetectionGoesOn() {
        JdbcBaselineStore store = new JdbcBaselineStore(sqlite(), CLOCK);
        AnomalyDetector writer = new AnomalyDetector(AnomalySettings.defaults(), CLOCK,
                EnumSet.allOf(AnomalyKind.class), store);
        run(writer, traffic(4, 600, 0));
        writer.snapshot();
        byte[] good = store.load("agent:agent-1");
        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= (byte) 0xFF;
        store.save(Map.of("agent:agent-1", new byte[] {1, 2, 3}, "user:alice", java.util.Arrays.copyOf(good, 40)),
                100);

        AnomalyDetector reader = new AnomalyDetector(AnomalySettings.defaults(), CLOCK,
                EnumSet.allOf(AnomalyKind.class), store);
        assertThat(reader.restore()).isZero();
        assertThat(reader.baselineProblems()).isEqualTo(2);
        List<CallEvent> more = traffic(5, 300, 600);
        run(reader, more); // no exception: both principals learn again from scratch
        assertThat(reader.principals()).isEqualTo(2);
        assertThat(reader.snapshot()).isEqualTo(2); // and their fresh baselines replace the corrupt ones
        assertThat(new AnomalyDetector(AnomalySettings.defaults(), CLOCK, EnumSet.allOf(AnomalyKind.class), store)
                .restore()).isEqualTo(2);
    }

    @Test
    void everyTruncationOfASnapshotAndTrailingBytesAreRefused() throws IOException {
        JdbcBaselineStore store = new JdbcBaselineStore(sqlite(), CLOCK);
        AnomalyDetector writer = new AnomalyDetector(AnomalySettings.defaults(), CLOCK,
                EnumSet.allOf(AnomalyKind.class), store);
        run(writer, traffic(6, 800, 0));
        writer.snapshot();
        byte[] good = store.load("agent:agent-1");
        assertThat(Profile.decode(AnomalySettings.defaults(), good).calls).isEqualTo(800);
        for (int n = 0; n < good.length; n += 7) {
            byte[] cut = java.util.Arrays.copyOf(good, n);
            assertThatThrownBy(() -> Profile.decode(AnomalySettings.defaults(), cut)).isInstanceOf(IOException.class);
        }
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> Profile.decode(AnomalySettings.defaults(), longer)).isInstanceOf(IOException.class);
    }

    @Test
    void aSnapshotClaimingMoreEntriesThanTheBoundsIsRefused() {
        BaselineCodec.Writer out = new BaselineCodec.Writer();
        out.i(0x42574231);
        out.i(Profile.FORMAT);
        out.l(5);
        out.l(0);
        out.i(AnomalyKind.values().length);
        for (int k = 0; k < AnomalyKind.values().length; k++) {
            out.l(Long.MIN_VALUE);
        }
        out.i(new Profile(AnomalySettings.defaults()).detectors.size());
        out.i(0);
        out.i(Integer.MAX_VALUE); // call-rate ring size far beyond its bound
        assertThatThrownBy(() -> Profile.decode(AnomalySettings.defaults(), out.bytes()))
                .isInstanceOf(IOException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> Profile.decode(AnomalySettings.defaults(), new byte[BaselineCodec.MAX_BYTES + 1]))
                .isInstanceOf(IOException.class);
    }

    @Test
    void theStoreKeepsOnlyTheNewestRows() {
        dev.bulwark.testkit.MutableClock clock = new dev.bulwark.testkit.MutableClock(T0);
        JdbcBaselineStore store = new JdbcBaselineStore(sqlite(), clock);
        for (int i = 0; i < 10; i++) {
            store.save(Map.of("agent:" + i, new byte[] {(byte) i}), 4);
            clock.advance(java.time.Duration.ofSeconds(1));
        }
        assertThat(store.recent(100)).hasSize(4);
        assertThat(store.recent(100)).extracting(BaselineStore.Snapshot::principal)
                .containsExactly("agent:9", "agent:8", "agent:7", "agent:6");
        assertThat(store.load("agent:0")).isNull();
    }

    @Test
    void anUnreachableStoreNeverStopsDetection() {
        SwitchableDataSource db = new SwitchableDataSource(sqlite());
        AnomalyDetector detector = new AnomalyDetector(AnomalySettings.defaults(), CLOCK,
                EnumSet.allOf(AnomalyKind.class), new JdbcBaselineStore(db, CLOCK));
        db.cutOff();
        assertThat(detector.restore()).isZero();
        run(detector, traffic(7, 300, 0)); // each new principal's load fails, and it starts fresh
        assertThat(detector.snapshot()).isZero();
        assertThat(detector.baselineProblems()).isEqualTo(4); // restore, two loads, one write
        db.reconnect();
        assertThat(detector.snapshot()).isEqualTo(2); // what could not be written is written now
    }
}
