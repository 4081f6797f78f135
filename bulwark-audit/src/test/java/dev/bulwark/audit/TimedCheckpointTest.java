package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints by time: records that stop arriving are still covered shortly after, without another append. */
class TimedCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void aQuietLogIsCheckpointedAPeriodAfterItsLastRecord() throws Exception {
        AuditLogOptions options = AuditLogOptions.defaults().withCheckpointPeriod(Duration.ofMillis(100));
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(dir.resolve("data"), options)) {
            for (int i = 1; i <= 3; i++) {
                log.append(TestEvents.event(i));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (log.latestCheckpoint().map(Checkpoint::sequence).orElse(0L) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(log.latestCheckpoint()).get().extracting(Checkpoint::sequence).isEqualTo(3L);
            assertThat(log.verifier().report().uncheckpointed()).isZero();
        }
    }

    @Test
    void byCountOnlyWhenThePeriodIsZero() throws Exception {
        AuditLogOptions options = AuditLogOptions.defaults().withCheckpointPeriod(Duration.ZERO);
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(dir.resolve("data"), options)) {
            log.append(TestEvents.event(1));
            Thread.sleep(300);

            assertThat(log.latestCheckpoint()).isEmpty();
            assertThat(log.verifier().report().uncheckpointed()).isEqualTo(1);
        }
    }
}
