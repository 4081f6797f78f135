package dev.bulwark.telemetry;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import java.util.List;

/** An audit log whose appends are timed; a failed append is timed too, then rethrown unchanged. */
final class TimedAuditLog implements AuditLog {
    private final AuditLog log;
    private final CallMetrics metrics;

    TimedAuditLog(AuditLog log, CallMetrics metrics) {
        this.log = log;
        this.metrics = metrics;
    }

    @Override
    public AuditRecord append(AuditEvent event) {
        long start = System.nanoTime();
        try {
            return log.append(event);
        } finally {
            metrics.auditAppend(System.nanoTime() - start);
        }
    }

    @Override
    public List<AuditRecord> tail(int count) {
        return log.tail(count);
    }

    @Override
    public AuditVerification verify() {
        return log.verify();
    }

    /** The wrapped log belongs to whoever opened it; closing this view leaves it open. */
    @Override
    public void close() {
    }
}
