package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.audit.AuditRecord;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSONL export: read back equal, hashes recomputed, links checked; edits and gaps are refused. */
class AuditExportTest {
    @TempDir
    Path dir;

    private List<AuditRecord> writeLog() {
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(dir, AuditLogOptions.defaults()
                .withCheckpointPeriod(Duration.ZERO))) {
            for (int i = 1; i <= 20; i++) {
                log.append(TestEvents.event(i));
            }
            return log.read(1, 100);
        }
    }

    @Test
    void anExportReadsBackAsTheSameRecords() throws Exception {
        List<AuditRecord> stored = writeLog();
        String jsonl = stored.stream().map(AuditExport::line).collect(Collectors.joining("\n", "", "\n"));

        List<AuditRecord> read = AuditExport.read(new StringReader(jsonl), true);

        assertThat(read).isEqualTo(stored);
        assertThat(jsonl.lines()).hasSize(20).allSatisfy(l -> assertThat(l).startsWith("{\"event\":{"));
    }

    @Test
    void anEditedLineIsRefused() throws Exception {
        List<AuditRecord> stored = writeLog();
        List<String> lines = stored.stream().map(AuditExport::line).collect(Collectors.toList());
        lines.set(4, lines.get(4).replace("\"crm.query\"", "\"crm.other\""));

        assertThatThrownBy(() -> AuditExport.read(new StringReader(String.join("\n", lines)), true))
                .hasMessageContaining("line 5").hasMessageContaining("does not match its hash");
    }

    @Test
    void aMissingLineBreaksTheLinksButAFilteredExportIsReadUnlinked() throws Exception {
        List<AuditRecord> stored = writeLog();
        List<String> lines = stored.stream().map(AuditExport::line).collect(Collectors.toList());
        lines.remove(7);
        String text = String.join("\n", lines);

        assertThatThrownBy(() -> AuditExport.read(new StringReader(text), true))
                .hasMessageContaining("does not link");
        assertThat(AuditExport.read(new StringReader(text), false)).hasSize(19);
    }

    @Test
    void garbageIsRefusedWithItsLine() {
        assertThatThrownBy(() -> AuditExport.read(new StringReader("{\"sequence\":1}\n"), false))
                .hasMessageContaining("line 1 is not an audit record");
        assertThatThrownBy(() -> AuditExport.read(new StringReader("not json"), false))
                .hasMessageContaining("line 1");
    }
}
