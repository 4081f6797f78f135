package dev.bulwark.testkit;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An audit log in memory that keeps every event appended, for tests of what a component audits. It chains nothing
 * (every hash is zeros), shows no tail and cannot be verified: tests of the log itself use the real one.
 */
public final class RecordingAuditLog implements AuditLog {
    private static final String NO_HASH = "0".repeat(64);
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public synchronized AuditRecord append(AuditEvent event) {
        events.add(event);
        return new AuditRecord(events.size(), event, NO_HASH, NO_HASH);
    }

    /** The events appended so far, oldest first; a copy. */
    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public List<AuditRecord> tail(int count) {
        return List.of();
    }

    @Override
    public AuditVerification verify() {
        throw new UnsupportedOperationException("a recording audit log keeps no chain to verify");
    }
}
