package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.testkit.SwitchableDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour every database must show; subclasses supply a fresh, empty database per test. */
abstract class AuditLogContract {
    static final int INTERVAL = 10;

    DataSource database;
    CheckpointSigner signer;

    /** A new empty database. */
    abstract DataSource freshDatabase() throws Exception;

    /** Makes every insert into audit_record fail inside the transaction (or stop failing). */
    abstract void failInserts(boolean fail) throws SQLException;

    @BeforeEach
    void setUp() throws Exception {
        database = freshDatabase();
        signer = CheckpointSigner.generate();
    }

    AuditLogOptions options() {
        // checkpoints by count only, so that the tests can count them; by time is tested in TimedCheckpointTest
        return AuditLogOptions.defaults().withCheckpointInterval(INTERVAL).withCheckpointPeriod(Duration.ZERO)
                .withAppendTimeout(Duration.ofSeconds(60));
    }

    JdbcAuditLog open() {
        return JdbcAuditLog.open(database, signer, options());
    }

    List<AuditRecord> appendAll(JdbcAuditLog log, int from, int count) {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            records.add(log.append(TestEvents.event(i)));
        }
        return records;
    }

    void sql(String... statements) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    @Test
    void appendedChainStartsAtOneFromZerosAndVerifiesIntact() {
        try (JdbcAuditLog log = open()) {
            List<AuditRecord> records = appendAll(log, 1, 25);

            assertThat(records.getFirst().sequence()).isEqualTo(1);
            assertThat(records.getFirst().previousHash()).isEqualTo("0".repeat(64));
            for (int i = 1; i < records.size(); i++) {
                assertThat(records.get(i).sequence()).isEqualTo(i + 1);
                assertThat(records.get(i).previousHash()).isEqualTo(records.get(i - 1).hash());
            }
            assertThat(log.verify()).isEqualTo(new AuditVerification.Intact(25, 2));
        }
    }

    @Test
    void closingSealsTheHeadWithACheckpoint() {
        try (JdbcAuditLog log = open()) {
            appendAll(log, 1, 25);
        }
        try (JdbcAuditLog log = open()) {
            assertThat(log.latestCheckpoint()).get().extracting(Checkpoint::sequence).isEqualTo(25L);
            assertThat(log.verify()).isEqualTo(new AuditVerification.Intact(25, 3));
        }
    }

    @Test
    void readingBackGivesExactlyTheAppendedNormalizedEvents() {
        try (JdbcAuditLog log = open()) {
            List<AuditRecord> appended = appendAll(log, 1, 12);

            assertThat(log.tail(12)).isEqualTo(appended);
            assertThat(log.read(1, 100)).isEqualTo(appended);
            AuditEvent stored = appended.getFirst().event();
            assertThat(stored.time()).isEqualTo(Instant.parse("2026-01-02T03:04:06.123456Z"));
            assertThat(stored.details()).containsEntry("index", 1L).containsEntry("latencyMillis", 1.75);
            assertThat(stored.details().get("args")).isEqualTo(
                    Map.of("query", "select * from t where id = 1", "limit", 10L,
                            "tags", List.of("pii", "\u00fcn\u00efc\u00f6d\u00e9 \u2713 \uD83D\uDE00",
                                    "quote\" and \\ and \n")));
        }
    }

    @Test
    void detailsBuiltCanonicalAreKeptAsTheyAreAndReadBackEqualInAnIntactChain() {
        try (JdbcAuditLog log = open()) {
            List<AuditRecord> appended = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                AuditEvent plain = TestEvents.event(i);
                Map<String, Object> canonical = dev.bulwark.spi.JsonTrees.canonicalObject(plain.details());
                AuditEvent built = new AuditEvent(plain.time(), plain.type(), plain.action(), plain.outcome(),
                        plain.agentId(), plain.userId(), plain.sessionId(), plain.reason(), canonical);
                assertThat(built.details()).isSameAs(canonical);
                AuditRecord record = log.append(built);
                assertThat(record.event().details()).as("not copied again by the log").isSameAs(canonical);
                assertThat(record.event()).isEqualTo(EventCodec.normalize(plain));
                assertThat(CanonicalJson.write(canonical)).isEqualTo(CanonicalJson.write(plain.details()));
                appended.add(record);
            }
            assertThat(log.read(1, 100)).isEqualTo(appended);
            assertThat(log.verify()).isEqualTo(new AuditVerification.Intact(12, 1));
        }
    }

    @Test
    void tailAndReadPageThroughTheChainOldestFirst() {
        try (JdbcAuditLog log = open()) {
            List<AuditRecord> appended = appendAll(log, 1, 30);

            assertThat(log.tail(3)).isEqualTo(appended.subList(27, 30));
            assertThat(log.tail(100)).isEqualTo(appended);
            assertThat(log.tail(0)).isEmpty();
            assertThat(log.read(11, 5)).isEqualTo(appended.subList(10, 15));
            assertThat(log.read(31, 5)).isEmpty();
            assertThatThrownBy(() -> log.tail(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void reopeningContinuesTheChain() {
        AuditRecord last;
        try (JdbcAuditLog log = open()) {
            last = appendAll(log, 1, 7).getLast();
        }
        try (JdbcAuditLog log = open()) {
            AuditRecord next = log.append(TestEvents.event(8));
            assertThat(next.sequence()).isEqualTo(8);
            assertThat(next.previousHash()).isEqualTo(last.hash());
            assertThat(log.verify()).isEqualTo(new AuditVerification.Intact(8, 1));
        }
    }

    @Test
    void checkpointOnDemandSignsTheHeadVerifiablyWithTheExportedKey() {
        try (JdbcAuditLog log = open()) {
            assertThat(log.checkpoint()).isEmpty();
            AuditRecord head = appendAll(log, 1, 4).getLast();

            Checkpoint checkpoint = log.checkpoint().orElseThrow();

            assertThat(checkpoint.sequence()).isEqualTo(4);
            assertThat(checkpoint.hash()).isEqualTo(head.hash());
            assertThat(checkpoint.keyId()).isEqualTo(signer.keyId());
            TrustedKeys exported = TrustedKeys.fromPem(signer.publicKeyPem());
            assertThat(exported.signed(checkpoint)).isTrue();
            assertThat(TrustedKeys.of(CheckpointSigner.generate().publicKey()).signed(checkpoint)).isFalse();
            assertThat(log.checkpoint()).contains(checkpoint); // no new checkpoint while the head has one
        }
    }

    @Test
    void concurrentAppendersGetAGaplessIntactChain() throws Exception {
        int threads = 16;
        int each = 60;
        try (JdbcAuditLog log = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                results.add(pool.submit(() -> {
                    List<Long> sequences = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        sequences.add(log.append(TestEvents.event(base + i)).sequence());
                    }
                    return sequences;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                all.addAll(f.get());
            }
            pool.shutdown();

            assertThat(all).doesNotHaveDuplicates().hasSize(threads * each);
            assertThat(all.stream().mapToLong(Long::longValue).max()).hasValue(threads * each);
            assertThat(log.verify()).isEqualTo(new AuditVerification.Intact(threads * each, threads * each / INTERVAL));
        }
    }

    @Test
    void failedWriteFailsTheAppendAndTheChainContinuesFromTheStoredHead() throws SQLException {
        try (JdbcAuditLog log = open()) {
            AuditRecord before = appendAll(log, 1, 3).getLast();
            failInserts(true);

            assertThatThrownBy(() -> log.append(TestEvents.event(4))).isInstanceOf(AuditException.class)
                    .hasMessageContaining("not confirmed");

            failInserts(false);
            AuditRecord after = log.append(TestEvents.event(5));
            assertThat(after.sequence()).isEqualTo(4);
            assertThat(after.previousHash()).isEqualTo(before.hash());
            assertThat(log.verify()).isEqualTo(new AuditVerification.Intact(4, 0));
        }
    }

    @Test
    void unreachableDatabaseFailsAppendsUntilItIsBack() {
        SwitchableDataSource flaky = new SwitchableDataSource(database);
        try (JdbcAuditLog log = JdbcAuditLog.open(flaky, signer, options())) {
            log.append(TestEvents.event(1));
            flaky.cutOff();

            assertThatThrownBy(() -> log.append(TestEvents.event(2))).isInstanceOf(AuditException.class)
                    .hasMessageContaining("injected outage");
            assertThatThrownBy(() -> log.append(TestEvents.event(3))).isInstanceOf(AuditException.class);
            assertThat(log.verify().intact()).isFalse(); // cannot read: never reported intact

            flaky.reconnect();
            assertThat(log.append(TestEvents.event(4)).sequence()).isEqualTo(2);
            assertThat(log.verify()).isEqualTo(new AuditVerification.Intact(2, 0));
        }
    }

    @Test
    void closedLogRefusesAppends() {
        JdbcAuditLog log = open();
        log.close();
        assertThatThrownBy(() -> log.append(TestEvents.event(1))).isInstanceOf(AuditException.class)
                .hasMessageContaining("closed");
        log.close(); // closing twice is harmless
    }

    @Test
    void unrepresentableEventFailsAndRecordsNothing() {
        try (JdbcAuditLog log = open()) {
            AuditEvent nan = new AuditEvent(Instant.now(), AuditEventType.SYSTEM, "start", Outcome.SUCCEEDED, null,
                    null, null, null, Map.of("ratio", Double.NaN));

            assertThatThrownBy(() -> log.append(nan)).isInstanceOf(AuditException.class)
                    .hasMessageContaining("finite");
            assertThat(log.tail(10)).isEmpty();
        }
    }

    @Test
    void emptyLogVerifiesIntact() {
        try (JdbcAuditLog log = open()) {
            assertThat(log.verify()).isEqualTo(new AuditVerification.Intact(0, 0));
            assertThat(log.latestCheckpoint()).isEqualTo(Optional.empty());
        }
    }
}
