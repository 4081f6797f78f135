package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.Outcome;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Query filters and pagination; the filter cases are data ({@code audit-query-cases.json}). */
class AuditQueryTest {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    @TempDir
    static Path dir;
    static AuditRecords records;

    /**
     * Record i (1..30) at T0 + i s: agent-(i % 4), user alice on even i, tool crm.delete (denied by no-delete) when
     * i % 3 == 0, else crm.read allowed, with an approval obligation of ask-a-human when i % 7 == 0; ADMIN records
     * (no decision) at 11 and 22; session s-(i % 6).
     */
    @BeforeAll
    static void writeLog() {
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(dir, AuditLogOptions.defaults().withCheckpointInterval(7)
                .withCheckpointPeriod(Duration.ZERO))) {
            for (int i = 1; i <= 30; i++) {
                log.append(event(i));
            }
        }
        records = AuditRecords.ofEmbedded(dir);
    }

    static AuditEvent event(int i) {
        boolean admin = i % 11 == 0;
        boolean delete = i % 3 == 0;
        Map<String, Object> details = new LinkedHashMap<>();
        if (!admin) {
            details.put("decision", delete ? "deny" : "allow");
            details.put("policyIds", List.of(delete ? "no-delete" : "read-ok"));
            details.put("obligations", !delete && i % 7 == 0
                    ? List.of(Map.of("name", "approval", "value", "why", "policyId", "ask-a-human")) : List.of());
        }
        return new AuditEvent(T0.plusSeconds(i), admin ? AuditEventType.ADMIN : AuditEventType.TOOL_CALL,
                admin ? "agent.create" : delete ? "crm.delete" : "crm.read", delete ? Outcome.DENIED : Outcome.SUCCEEDED,
                "agent-" + (i % 4), i % 2 == 0 ? "alice" : null, "s-" + (i % 6), "", details);
    }

    static Stream<JsonNode> cases() throws Exception {
        try (InputStream in = AuditQueryTest.class.getResourceAsStream("/audit-query-cases.json")) {
            List<JsonNode> out = new ArrayList<>();
            new ObjectMapper().readTree(in).forEach(out::add);
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void selectsWhatTheCaseExpects(JsonNode c) {
        Map<String, String> filters = new LinkedHashMap<>();
        c.path("filters").fields().forEachRemaining(e -> filters.put(e.getKey(), e.getValue().asText()));
        List<Long> expected = new ArrayList<>();
        if (c.path("expect").isTextual()) {
            String[] range = c.path("expect").asText().split("-");
            LongStream.rangeClosed(Long.parseLong(range[0]), Long.parseLong(range[1])).forEach(expected::add);
        } else {
            c.path("expect").forEach(n -> expected.add(n.asLong()));
        }

        AuditPage page = records.query(AuditQuery.parse(filters, T0).withLimit(1000));

        assertThat(page.records()).extracting(AuditRecord::sequence).as(c.path("name").asText())
                .containsExactlyElementsOf(expected);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        AuditQuery query = AuditQuery.parse(Map.of("outcome", "succeeded", "limit", "4"), T0);
        List<Long> seen = new ArrayList<>();
        int pages = 0;
        while (true) {
            AuditPage page = records.query(query);
            pages++;
            page.records().forEach(r -> seen.add(r.sequence()));
            assertThat(page.records().size()).isLessThanOrEqualTo(4);
            if (page.next().isEmpty()) {
                break;
            }
            query = query.after(page.next().getAsLong());
        }
        assertThat(seen).containsExactly(1L, 2L, 4L, 5L, 7L, 8L, 10L, 11L, 13L, 14L, 16L, 17L, 19L, 20L, 22L, 23L,
                25L, 26L, 28L, 29L);
        assertThat(pages).isEqualTo(6); // 20 records, 4 a page, and the last full page cannot know it was the last
    }

    @Test
    void relativeTimesCountBackFromNow() {
        Instant now = T0.plusSeconds(30);
        AuditQuery query = AuditQuery.parse(Map.of("since", "5s"), now);
        assertThat(records.query(query).records()).extracting(AuditRecord::sequence)
                .containsExactly(25L, 26L, 27L, 28L, 29L, 30L);
    }

    @Test
    void aHugeTimeRangeIsAnsweredAPageAtATime() {
        AuditQuery query = AuditQuery.parse(Map.of("since", "0001-01-01T00:00:00Z", "until",
                "9999-12-31T23:59:59Z", "limit", "10"), T0);
        AuditPage page = records.query(query);
        assertThat(page.records()).hasSize(10);
        assertThat(page.next()).hasValue(10L);
    }

    @Test
    void badFiltersAreRefusedNamingTheFilter() {
        assertThatThrownBy(() -> AuditQuery.parse(Map.of("agnet", "x"), T0)).hasMessageContaining("unknown audit"
                + " filter 'agnet'");
        assertThatThrownBy(() -> AuditQuery.parse(Map.of("outcome", "maybe"), T0)).hasMessageContaining("'outcome'");
        assertThatThrownBy(() -> AuditQuery.parse(Map.of("decision", "perhaps"), T0))
                .hasMessageContaining("decision must be");
        assertThatThrownBy(() -> AuditQuery.parse(Map.of("since", "yesterday"), T0)).hasMessageContaining("'since'");
        assertThatThrownBy(() -> AuditQuery.parse(Map.of("limit", "0"), T0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> AuditQuery.parse(Map.of("limit", "10001"), T0)).hasMessageContaining("at most");
        assertThatThrownBy(() -> AuditQuery.parse(Map.of("after", "-1"), T0)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> AuditQuery.parse(Map.of("after", "99999999999999999999"), T0))
                .hasMessageContaining("'after'");
        assertThatThrownBy(() -> AuditQuery.parse(Map.of("since", "2026-03-02T00:00:00Z", "until",
                "2026-03-01T00:00:00Z"), T0)).hasMessageContaining("since must be before until");
        assertThatThrownBy(() -> AuditQuery.parse(Map.of("agent", "x".repeat(300)), T0))
                .hasMessageContaining("1 to 256");
    }
}
