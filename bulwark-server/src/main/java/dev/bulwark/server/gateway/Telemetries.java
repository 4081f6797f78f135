package dev.bulwark.server.gateway;

import dev.bulwark.audit.JdbcAuditLog;
import dev.bulwark.spi.approval.ApprovalState;
import dev.bulwark.telemetry.Telemetry;
import java.util.Optional;

/** The gauges read at scrape time: the audit writer's queue and the approval requests pending. */
final class Telemetries {
    /** Pending approvals are counted up to this many per scrape (a list query, not a count). */
    static final int MAX_PENDING_COUNTED = 1_000;

    private Telemetries() {}

    static void observe(Telemetry telemetry, JdbcAuditLog auditLog, Approvals approvals) {
        telemetry.auditQueueDepth(auditLog::queuedAppends);
        telemetry.approvalsPending(() -> approvals.desk().list(Optional.of(ApprovalState.PENDING),
                MAX_PENDING_COUNTED).size());
    }
}
