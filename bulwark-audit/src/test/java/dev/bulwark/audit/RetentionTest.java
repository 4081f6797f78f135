package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import dev.bulwark.spi.audit.AuditVerification.Broken;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention prunes only below a signed checkpoint, writes an audit.prune record first, and the pruned log still
 * verifies (with its anchors); tampering after a prune, and deleting old records without one, are still detected.
 */
class RetentionTest {
    private static final int INTERVAL = 10;
    /** TestEvents.event(i) happens at this time plus i seconds. */
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    @TempDir
    Path dir;
    Path data;
    Path witnessFile;
    Attacker attacker;

    @BeforeEach
    void setUp() {
        data = dir.resolve("data");
        witnessFile = dir.resolve("witness").resolve("anchors.jsonl");
        attacker = new Attacker(new UrlDataSource(JdbcAuditLog.embeddedUrl(data), new Properties()));
    }

    private JdbcAuditLog open() {
        AnchorPublisher publisher = new AnchorPublisher(List.of(FileWitness.open(witnessFile)), Duration.ofSeconds(5),
                false, Clock.systemUTC());
        return JdbcAuditLog.openEmbedded(data, EmbeddedKeys.signer(data), AuditLogOptions.defaults()
                .withCheckpointInterval(INTERVAL).withCheckpointPeriod(Duration.ZERO), publisher);
    }

    /** 35 records (checkpoints at 10, 20, 30, sealed at 35), then records older than record 25 pruned. */
    private Retention.Pruned writeAndPrune() throws Exception {
        try (JdbcAuditLog log = open()) {
            for (int i = 1; i <= 35; i++) {
                log.append(TestEvents.event(i));
            }
        }
        try (JdbcAuditLog log = open()) {
            awaitAnchored(log, 35);
            return log.prune(T0.plusSeconds(25));
        }
    }

    private static void awaitAnchored(JdbcAuditLog log, long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (log.witnesses().getFirst().published() < sequence) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("witness never caught up: " + log.witnesses());
            }
            Thread.sleep(20);
        }
    }

    private AuditReport report() {
        return AuditVerifier.ofEmbedded(data, INTERVAL).withAnchors(FileWitness.read(witnessFile)).report();
    }

    @Test
    void prunesBelowTheNewestCheckpointOlderThanTheCutoffAndStillVerifies() throws Exception {
        Retention.Pruned pruned = writeAndPrune();

        assertThat(pruned.base()).isEqualTo(20);
        assertThat(pruned.removed()).isEqualTo(19);
        assertThat(pruned.record()).isEqualTo(36);
        List<AuditRecord> left = attacker.records();
        assertThat(left.getFirst().sequence()).isEqualTo(20);
        assertThat(left.getLast().event().action()).isEqualTo(Retention.ACTION);
        AuditReport report = report();
        assertThat(report.intact()).as(String.join("\n", report.describe())).isTrue();
        assertThat(report.base()).isEqualTo(20);
        assertThat(report.anchorsPruned()).isEqualTo(1); // the anchor of checkpoint 10
        assertThat(report.describe()).anySatisfy(l -> assertThat(l).startsWith("PRUNED: records 1 to 19"));
        assertThat(AuditVerifier.ofEmbedded(data, INTERVAL).verify()).isInstanceOf(AuditVerification.Intact.class);
    }

    @Test
    void aSecondPruneMovesTheBaseAndTheLogStillVerifies() throws Exception {
        writeAndPrune();
        try (JdbcAuditLog log = open()) {
            awaitAnchored(log, 36);
            assertThat(log.prune(T0.plusSeconds(1000)).base()).isEqualTo(36);
        }
        AuditReport report = report();
        assertThat(report.intact()).as(String.join("\n", report.describe())).isTrue();
        assertThat(report.base()).isEqualTo(36);
    }

    @Test
    void nothingIsPrunedWhenNoCheckpointIsOldEnough() throws Exception {
        try (JdbcAuditLog log = open()) {
            for (int i = 1; i <= 35; i++) {
                log.append(TestEvents.event(i));
            }
            assertThat(log.prune(T0.plusSeconds(5)).base()).isZero();
        }
        assertThat(attacker.records().getFirst().sequence()).isEqualTo(1);
    }

    @Test
    void recordsNotYetAnchoredAreNeverPruned() throws Exception {
        try (JdbcAuditLog log = open()) {
            for (int i = 1; i <= 35; i++) {
                log.append(TestEvents.event(i));
            }
        }
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(data, EmbeddedKeys.signer(data), AuditLogOptions.defaults()
                .withCheckpointInterval(INTERVAL).withCheckpointPeriod(Duration.ZERO), new AnchorPublisher(
                List.of(new NeverPublished()), Duration.ofSeconds(5), false, Clock.systemUTC()))) {
            assertThat(log.prune(T0.plusSeconds(1000)).base()).as("no witness holds anything").isZero();
        }
    }

    @Test
    void aRecordChangedAfterThePruneIsDetected() throws Exception {
        writeAndPrune();
        attacker.sql("UPDATE audit_record SET action = 'crm.forged' WHERE sequence = 25");

        assertThat(report().verification()).isInstanceOf(Broken.class);
        assertThat(((Broken) report().verification()).problem()).contains("record 25 was modified");
    }

    @Test
    void aRewrittenBaseRecordNoLongerMatchesItsCheckpoint() throws Exception {
        writeAndPrune();
        attacker.sql("UPDATE audit_record SET reason = 'forged' WHERE sequence = 20");

        assertThat(report().intact()).isFalse();
    }

    @Test
    void deletingOldRecordsWithoutAPruneRecordIsTampering() throws Exception {
        try (JdbcAuditLog log = open()) {
            for (int i = 1; i <= 35; i++) {
                log.append(TestEvents.event(i));
            }
        }
        attacker.sql("DELETE FROM audit_record WHERE sequence < 10", "DELETE FROM audit_checkpoint WHERE sequence < 10");

        AuditVerification v = AuditVerifier.ofEmbedded(data, INTERVAL).verify();
        assertThat(v).isInstanceOf(Broken.class);
        assertThat(((Broken) v).problem()).contains("no audit.prune record");
    }

    @Test
    void deletingOldRecordsDownToAnUncheckpointedRecordIsTampering() throws Exception {
        try (JdbcAuditLog log = open()) {
            for (int i = 1; i <= 35; i++) {
                log.append(TestEvents.event(i));
            }
        }
        attacker.sql("DELETE FROM audit_record WHERE sequence < 15", "DELETE FROM audit_checkpoint WHERE sequence < 15");

        AuditVerification v = AuditVerifier.ofEmbedded(data, INTERVAL).verify();
        assertThat(v).isInstanceOf(Broken.class);
        assertThat(((Broken) v).problem()).contains("has no signed checkpoint");
    }

    @Test
    void deletingRecordsAboveTheBaseAfterAPruneIsDetected() throws Exception {
        writeAndPrune();
        attacker.sql("DELETE FROM audit_record WHERE sequence = 20");

        assertThat(report().intact()).isFalse();
    }

    /** A witness that never manages to publish. */
    private static final class NeverPublished implements dev.bulwark.spi.audit.Witness {
        @Override
        public String name() {
            return "never";
        }

        @Override
        public void publish(dev.bulwark.spi.audit.AuditAnchor anchor) {
            throw new IllegalStateException("unreachable");
        }
    }
}
