package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.approvals.JdbcApprovalStore;
import dev.bulwark.spi.approval.ApprovalRequest;
import dev.bulwark.spi.approval.ApprovalState;
import dev.bulwark.testkit.JdbcUrlDataSource;
import dev.bulwark.testkit.MutableClock;
import dev.bulwark.testkit.RecordingAuditLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalsSweepTest {
    @TempDir
    Path dir;

    @Test
    void theSweepExpiresDueRequestsAndAuditsThemOnce() {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        JdbcApprovalStore store = new JdbcApprovalStore(JdbcUrlDataSource.sqliteWal(dir.resolve("a.db")));
        ApprovalRequest r = store.openOrReuse(SlackWebhookTest.request());
        RecordingAuditLog audit = new RecordingAuditLog();
        clock.set(r.expiresAt().minusSeconds(1));
        Approvals.sweep(store, audit, clock);
        assertThat(audit.events()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        Approvals.sweep(store, audit, clock);
        Approvals.sweep(store, audit, clock);
        assertThat(audit.events()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("approval.expire");
            assertThat(e.details()).containsEntry("approvalIds", List.of(r.id()));
        });
        assertThat(store.find(r.id()).orElseThrow().state()).isEqualTo(ApprovalState.EXPIRED);
    }
}
