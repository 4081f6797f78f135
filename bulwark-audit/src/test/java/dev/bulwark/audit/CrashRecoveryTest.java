package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every acknowledged append survives SIGKILL of the appending process, and the chain still verifies. */
class CrashRecoveryTest {
    private static final int INTERVAL = 50;
    /**
     * Checkpoints every {@link #INTERVAL} records and never by time, as the child signs them: then their number
     * follows from the number of records alone, however slowly a loaded machine appends.
     */
    private static final AuditLogOptions BY_COUNT_ONLY = AuditLogOptions.defaults().withCheckpointInterval(INTERVAL)
            .withCheckpointPeriod(Duration.ZERO);

    @TempDir
    Path dir;

    @Test
    void acknowledgedRecordsSurviveKillMinus9AndTheUnsealedChainVerifies() throws Exception {
        Path data = dir.resolve("data");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CrashingAppender.class.getName(), data.toString(), Integer.toString(INTERVAL))
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        Set<Long> acknowledged = new HashSet<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(Long.parseLong(line.substring(4)));
                }
                if (acknowledged.size() == 437) { // mid-stream: not a multiple of the checkpoint interval
                    // SIGKILL through the handle: Process.destroyForcibly would also close our end of its stdout,
                    // losing acknowledgements still in the pipe
                    child.toHandle().destroyForcibly();
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).as("child output, see child.err").hasSizeGreaterThanOrEqualTo(437);

        AuditVerification afterCrash = AuditVerifier.ofEmbedded(data, INTERVAL).verify();

        assertThat(afterCrash).isInstanceOf(AuditVerification.Intact.class);
        long records = ((AuditVerification.Intact) afterCrash).records();
        assertThat(((AuditVerification.Intact) afterCrash).checkpoints()).isEqualTo(records / INTERVAL);
        try (JdbcAuditLog reopened = JdbcAuditLog.openEmbedded(data, BY_COUNT_ONLY)) {
            Set<Long> stored = new HashSet<>();
            for (long from = 1; ; ) {
                List<AuditRecord> page = reopened.read(from, 200);
                if (page.isEmpty()) {
                    break;
                }
                page.forEach(r -> stored.add(r.sequence()));
                from = page.getLast().sequence() + 1;
            }
            assertThat(stored).containsAll(acknowledged).hasSize((int) records);
            assertThat(reopened.append(TestEvents.event(-1)).sequence()).isEqualTo(records + 1);
        }
        // one more record, then the seal on close: a checkpoint at the new head unless its count already put one there
        long head = records + 1;
        assertThat(AuditVerifier.ofEmbedded(data, INTERVAL).verify())
                .isEqualTo(new AuditVerification.Intact(head, head / INTERVAL + (head % INTERVAL == 0 ? 0 : 1)));
    }
}
