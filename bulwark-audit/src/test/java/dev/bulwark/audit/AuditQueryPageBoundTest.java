package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent controls how large its audit records are (its arguments, redacted, are recorded), so the largest page an
 * operator may ask for ({@code limit=10000}) must not mean 10,000 huge records in the gateway's memory at once: a page
 * stops at a size bound with a cursor to continue, and paging on still returns every record exactly once.
 */
class AuditQueryPageBoundTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final int RECORDS = 40;
    private static final int CHARS = 512 * 1024;

    @Test
    void aPageOfHugeRecordsStopsAtTheSizeBoundAndPagingOnReturnsEveryRecord(@TempDir Path dir) {
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(dir, AuditLogOptions.defaults()
                .withCheckpointPeriod(Duration.ZERO))) {
            for (int i = 1; i <= RECORDS; i++) {
                log.append(new AuditEvent(T0.plusSeconds(i), AuditEventType.TOOL_CALL, "crm.write",
                        Outcome.SUCCEEDED, "bulky-agent", null, "s", "", Map.of("decision", "allow",
                        "arguments", Map.of("note", String.valueOf((char) ('a' + i % 26)).repeat(CHARS)))));
            }
        }
        AuditRecords records = AuditRecords.ofEmbedded(dir);
        List<Long> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        for (; pages < RECORDS + 1; pages++) {
            Map<String, String> filters = after == null ? Map.of("limit", "10000", "decision", "allow")
                    : Map.of("limit", "10000", "decision", "allow", "after", after);
            AuditPage page = records.query(AuditQuery.parse(filters, T0.plusSeconds(3600)));
            long chars = page.records().stream().mapToLong(r -> r.event().details().toString().length()).sum();
            assertThat(chars).as("characters of details in one page")
                    .isLessThanOrEqualTo(AuditRecords.MAX_PAGE_CHARS + CHARS + 1024L);
            page.records().stream().map(AuditRecord::sequence).forEach(seen::add);
            if (page.next().isEmpty()) {
                break;
            }
            after = Long.toString(page.next().getAsLong());
        }
        assertThat(pages).as("more than one page").isGreaterThan(0);
        assertThat(seen).hasSize(RECORDS).doesNotHaveDuplicates();
    }
    /** The admin API's {@code GET /api/v1/audit?limit=10000} reads the newest records: the same bound holds. */
    @Test
    void theTailOfHugeRecordsStopsAtTheSizeBoundKeepingTheNewest(@TempDir Path dir) {
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(dir, AuditLogOptions.defaults()
                .withCheckpointPeriod(Duration.ZERO))) {
            for (int i = 1; i <= RECORDS; i++) {
                log.append(new AuditEvent(T0.plusSeconds(i), AuditEventType.TOOL_CALL, "crm.write",
                        Outcome.SUCCEEDED, "bulky-agent", null, "s", "", Map.of("decision", "allow",
                        "arguments", Map.of("note", "n".repeat(CHARS)))));
            }
            List<AuditRecord> tail = log.tail(10_000);
            long chars = tail.stream().mapToLong(r -> r.event().details().toString().length()).sum();
            assertThat(chars).isLessThanOrEqualTo(AuditRecords.MAX_PAGE_CHARS + CHARS + 1024L);
            assertThat(tail).isNotEmpty();
            assertThat(tail.getLast().event().action()).isEqualTo("crm.write");
            assertThat(tail.getLast().sequence()).as("the newest record is kept")
                    .isEqualTo(log.tail(1).getFirst().sequence());
            assertThat(tail).extracting(AuditRecord::sequence).isSorted();
        }
    }
}
